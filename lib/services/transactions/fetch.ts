import { getDb } from "@/db/client";
import type { MerchantRole } from "@/lib/auth/permissions";
import { NotFound } from "@/lib/gateway/errors";
import type { Transaction } from "@/lib/gateway/types";
import { writeAudit } from "@/lib/services/audit/write";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { upsertTransactions } from "@/lib/sync/transactions";

/** Who asked for a money movement: recorded in the audit row; the role decides the staff refund limit. */
export interface Actor {
  userId: string;
  role: MerchantRole;
}

/** What every change of one transaction is asked with: the merchant, who asks, and the gateway's transaction id. */
export interface TransactionChange {
  merchantId: string;
  actor: Actor;
  transactionId: string;
}

/** The merchant's gateway and the transaction as the gateway has it now (not the cache): what a change starts from. */
export async function gatewayAndTransaction(input: Pick<TransactionChange, "merchantId" | "transactionId">) {
  const adapter = await gatewayForMerchant(input.merchantId);
  return { adapter, before: await adapter.transactions.get(input.transactionId) };
}

/** The amounts and state an audit row keeps of a transaction (masked data only). */
export function auditView(t: Transaction) {
  return {
    status: t.status,
    amount: t.amount,
    authorizedAmount: t.authorizedAmount,
    capturedAmount: t.capturedAmount,
    settledAmount: t.settledAmount,
    refundedAmount: t.refundedAmount,
    currency: t.currency,
  };
}

/**
 * Write-through after a gateway write: the returned transactions go into the cache and the audit row is
 * appended, in one database transaction, so the lists and the audit trail agree with the gateway at once.
 */
export async function recordTransactionChange(
  merchantId: string,
  txs: Transaction[],
  audit: { actor: Actor; action: string; targetId: string; before?: unknown; after?: unknown },
): Promise<void> {
  await getDb().transaction(async (tx) => {
    await upsertTransactions(tx, merchantId, txs);
    await writeAudit(tx, {
      actorUserId: audit.actor.userId,
      merchantId,
      action: audit.action,
      targetType: "transaction",
      targetId: audit.targetId,
      before: audit.before,
      after: audit.after,
    });
  });
}

/**
 * A transaction that is not in the cache yet (opened from a link before the sync saw it): read it from the
 * merchant's gateway and cache it. null when the gateway does not know it for this merchant.
 */
export async function fetchTransaction(merchantId: string, transactionId: string): Promise<Transaction | null> {
  const adapter = await gatewayForMerchant(merchantId);
  let t: Transaction;
  try {
    t = await adapter.transactions.get(transactionId);
  } catch (err) {
    if (err instanceof NotFound) return null;
    throw err;
  }
  await upsertTransactions(getDb(), merchantId, [t]);
  return t;
}
