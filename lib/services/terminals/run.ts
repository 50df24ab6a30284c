import { getDb } from "@/db/client";
import { idempotencyKeyFor } from "@/lib/idempotency";
import type { TerminalRun, Transaction } from "@/lib/gateway/types";
import { writeAudit } from "@/lib/services/audit/write";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { type Actor, auditView } from "@/lib/services/transactions/fetch";
import { upsertTransactions } from "@/lib/sync/transactions";

/** A run as the browser sees it: the progress state and the masked transaction (never device secrets). */
export interface TerminalRunView {
  runId: string;
  state: TerminalRun["state"];
  message: string | null;
  transaction: Transaction | null;
}

export function toRunView(run: TerminalRun): TerminalRunView {
  return {
    runId: run.transactionId ?? "",
    state: run.state,
    message: run.message,
    transaction: run.transaction,
  };
}

/**
 * Push a sale or authorization to a card-present terminal. The gateway answers at once with a pending
 * transaction (its id is the run id the progress view polls); the pending row is cached and audited now, and
 * every poll writes the resolved transaction through.
 */
export async function startTerminalRun(input: {
  merchantId: string;
  actor: Actor;
  terminalId: string;
  type: "sale" | "authorize";
  amount: number;
  /** One per form render: a double click or a retry starts one run. */
  intentId: string;
  orderId?: string;
  description?: string;
}): Promise<TerminalRunView> {
  const adapter = await gatewayForMerchant(input.merchantId);
  const run = await adapter.terminals.run({
    terminalId: input.terminalId,
    type: input.type,
    amount: input.amount,
    orderId: input.orderId,
    description: input.description,
    idempotencyKey: idempotencyKeyFor("terminal-run", input.merchantId, input.intentId),
  });
  await getDb().transaction(async (tx) => {
    if (run.transaction) await upsertTransactions(tx, input.merchantId, [run.transaction]);
    await writeAudit(tx, {
      actorUserId: input.actor.userId,
      merchantId: input.merchantId,
      action: `terminal.${input.type}`,
      targetType: "transaction",
      targetId: run.transactionId ?? undefined,
      after: { terminalId: input.terminalId, state: run.state, ...(run.transaction ? auditView(run.transaction) : {}) },
    });
  });
  return toRunView(run);
}

/** One poll of a run: the gateway's current answer, written through to the cache. */
export async function pollTerminalRun(merchantId: string, runId: string): Promise<TerminalRunView> {
  const adapter = await gatewayForMerchant(merchantId);
  const run = await adapter.terminals.poll(runId);
  if (run.transaction) await upsertTransactions(getDb(), merchantId, [run.transaction]);
  return toRunView(run);
}
