import { subHours } from "date-fns";
import { getPool } from "@/db/client";
import { env } from "@/lib/env";
import { fieldError } from "@/lib/errors";
import type { RefundResult, Transaction } from "@/lib/gateway/types";
import { formatMoney, subtractCents } from "@/lib/money";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { words } from "./capture";
import { type Actor, auditView, recordTransactionChange } from "./fetch";

export const REFUNDABLE = new Set(["settled", "partially_refunded"]);

/** What is left to refund on a settled transaction. */
export function refundableAmount(t: Pick<Transaction, "settledAmount" | "refundedAmount">): number {
  return Math.max(0, subtractCents(t.settledAmount, t.refundedAmount));
}

/** Rules a refund must pass before it reaches the gateway (the gateway enforces the amounts too). */
export function checkRefund(t: Transaction, amount: number): void {
  if (t.type === "refund" || t.type === "credit" || t.type === "verification") {
    throw fieldError("amount", `A ${t.type} can't be refunded.`);
  }
  if (!REFUNDABLE.has(t.status)) {
    throw fieldError(
      "amount",
      t.status === "authorized" || t.status === "pending_settlement"
        ? "This transaction has not settled yet, so it can't be refunded. Void it instead."
        : `This transaction can't be refunded: it is ${words(t.status)}.`,
    );
  }
  const left = refundableAmount(t);
  if (amount > left) {
    throw fieldError(
      "amount",
      left === 0
        ? "This transaction has been refunded in full."
        : `You can refund at most ${formatMoney(left, t.currency)} (settled ${formatMoney(t.settledAmount, t.currency)}, already refunded ${formatMoney(t.refundedAmount, t.currency)}).`,
    );
  }
}

/** The window over which a staff member's refunds add up against STAFF_REFUND_LIMIT_CENTS. */
export const STAFF_REFUND_WINDOW_HOURS = 24;

/**
 * Run a refund under the staff limit. The limit is cumulative: what one staff member refunded in the last 24 hours
 * (any transaction of this merchant, read from the audit log, where every refund and reverse-by-refund writes
 * `after.refundAmount`) plus this amount must stay within it — splitting a large refund into small ones doesn't
 * get around it. A session advisory lock per (merchant, staff member) is held across the gateway call, so two
 * concurrent refunds by the same person can't both pass the check. Admins are not limited and take no lock.
 */
export async function withinStaffRefundLimit<T>(
  merchantId: string,
  actor: Actor,
  amount: number,
  currency: string,
  refund: () => Promise<T>,
): Promise<T> {
  if (actor.role !== "merchant_staff") return refund();
  const client = await getPool().connect();
  const key = `staff-refund:${merchantId}:${actor.userId}`;
  try {
    await client.query("select pg_advisory_lock(hashtextextended($1, 0))", [key]);
    const since = subHours(new Date(), STAFF_REFUND_WINDOW_HOURS);
    const { rows } = await client.query<{ total: string }>(
      `select coalesce(sum((after->>'refundAmount')::bigint), 0) as total from audit_log
        where merchant_id = $1 and actor_user_id = $2 and at >= $3
          and action in ('transaction.refund', 'transaction.reverse') and after ? 'refundAmount'`,
      [merchantId, actor.userId, since],
    );
    const already = Number(rows[0]?.total ?? 0);
    const limit = env().STAFF_REFUND_LIMIT_CENTS;
    if (already + amount > limit) {
      const left = Math.max(0, limit - already);
      throw fieldError(
        "amount",
        left === 0
          ? `Staff can refund up to ${formatMoney(limit, currency)} in ${STAFF_REFUND_WINDOW_HOURS} hours, and you have reached it. Ask a merchant admin to refund this.`
          : `Staff can refund up to ${formatMoney(limit, currency)} in ${STAFF_REFUND_WINDOW_HOURS} hours; you have ${formatMoney(left, currency)} left. Ask a merchant admin to refund more.`,
      );
    }
    return await refund();
  } finally {
    await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [key]).catch(() => undefined);
    client.release();
  }
}

/** Refund a settled transaction, partially or in full (refunds sum to at most the settled amount). */
export async function refundTransaction(input: {
  merchantId: string;
  actor: Actor;
  transactionId: string;
  amount: number;
}): Promise<RefundResult> {
  const adapter = await gatewayForMerchant(input.merchantId);
  const before = await adapter.transactions.get(input.transactionId);
  checkRefund(before, input.amount);
  return withinStaffRefundLimit(input.merchantId, input.actor, input.amount, before.currency, async () => {
    const result = await adapter.transactions.refund(input.transactionId, { amount: input.amount });
    await recordTransactionChange(
      input.merchantId,
      result.refund ? [result.original, result.refund] : [result.original],
      {
        actor: input.actor,
        action: "transaction.refund",
        targetId: before.id,
        before: auditView(before),
        after: {
          ...auditView(result.original),
          refundAmount: input.amount,
          refundTransactionId: result.refund?.id ?? null,
        },
      },
    );
    return result;
  });
}
