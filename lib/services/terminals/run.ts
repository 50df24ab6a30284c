import { getDb } from "@/db/client";
import { UserError } from "@/lib/errors";
import { signatureDataUrl } from "@/lib/signature-image";
import { TerminalInUse } from "@/lib/gateway/cardpointe/terminal-client";
import { idempotencyKeyFor } from "@/lib/idempotency";
import type { TerminalRun, Transaction } from "@/lib/gateway/types";
import { writeAudit } from "@/lib/services/audit/write";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { type Actor, auditView } from "@/lib/services/transactions/fetch";
import { upsertTransactions } from "@/lib/sync/transactions";

/** What the user reads when another register holds the terminal; the form then offers to take it over. */
export const TERMINAL_IN_USE_MESSAGE =
  "Another register is connected to this terminal. Taking it over ends that register's session and any prompt it is showing on the device.";

/** A terminal in use by another POS session → a conflict the UI answers with a confirmation (field `force`). */
export async function inUseAsConflict<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TerminalInUse) {
      throw new UserError("conflict", TERMINAL_IN_USE_MESSAGE, { force: [TERMINAL_IN_USE_MESSAGE] });
    }
    throw err;
  }
}

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
    transaction: run.transaction ? forBrowser(run.transaction) : null,
  };
}

/** The transaction as the browser gets it: the signature as an image `data:` URL (or nothing), never raw bytes. */
export function forBrowser(t: Transaction): Transaction {
  const pm = t.paymentMethod;
  if (pm.kind !== "terminal" || !pm.signature) return t;
  return { ...t, paymentMethod: { ...pm, signature: signatureDataUrl(pm.signature) } };
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
  /** Ask for a tip on the device before the card (CardPointe `tip`). */
  tipPrompt?: boolean;
  /** Ask the customer to sign on the device (stored with the transaction). */
  signature?: boolean;
  /** Take the terminal over from another register's session: only after the user confirmed. */
  force?: boolean;
}): Promise<TerminalRunView> {
  const adapter = await gatewayForMerchant(input.merchantId);
  const run = await inUseAsConflict(() =>
    adapter.terminals.run({
      terminalId: input.terminalId,
      type: input.type,
      amount: input.amount,
      orderId: input.orderId,
      description: input.description,
      idempotencyKey: idempotencyKeyFor("terminal-run", input.merchantId, input.intentId),
      tipPrompt: input.tipPrompt,
      signatureRequired: input.signature,
      force: input.force,
    }),
  );
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
