import { and, eq, gt, ne, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { staffMoneyOut } from "@/db/schema";
import type { MerchantRole } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { fieldError, UserError } from "@/lib/errors";
import { Declined, InvalidRequest, NotFound, Unavailable } from "@/lib/gateway/errors";
import { log } from "@/lib/log";
import { formatMoney } from "@/lib/money";

/**
 * The staff money-out limit: what one staff member gives back within a rolling 24 hours — refunds (partial, full,
 * Reverse by refund), virtual-terminal credits, the refund and credit rows of a file batch, gift-card sales and
 * reloads — adds up against STAFF_REFUND_LIMIT_CENTS. This is the only check and `staff_money_out` the only count.
 *
 * Each movement reserves its amount first, in a short transaction that takes a per-(merchant, staff member)
 * advisory lock, sums the window and inserts the reservation; the lock ends with that transaction. The provider is
 * then called with no connection held, and the reservation becomes `done`, `released` (the provider refused: nothing
 * moved) or `unknown` (the answer was lost: it keeps counting, as the money may have moved). Two concurrent movements
 * of one person therefore cannot both pass, and waiting for the lock never holds a pooled connection across a
 * provider call (the earlier design held a session lock for the whole refund, and 20+ concurrent refunds starved
 * the pool). Admins are not limited and reserve nothing.
 */

export type MoneyOutKind = "refund" | "reverse" | "credit" | "file_batch" | "giftcard_sell" | "giftcard_reload";

export interface MoneyOutActor {
  userId: string;
  role: MerchantRole;
}

export interface MoneyOut {
  merchantId: string;
  actor: MoneyOutActor;
  kind: MoneyOutKind;
  /** Minor units. */
  amount: number;
  currency: string;
  /** The form intent's key when the path has one: a resubmission of the same intent reuses its reservation. */
  intentKey?: string;
  /** The form field a refusal is reported on. */
  field?: string;
}

/** The window over which a staff member's money-out adds up. */
export const STAFF_MONEY_OUT_WINDOW_HOURS = 24;

export function isMoneyOutLimited(role: MerchantRole): boolean {
  return role === "merchant_staff";
}

/** What this staff member may still give back in the current window (minor units). */
export async function staffMoneyOutLeft(merchantId: string, userId: string): Promise<number> {
  const used = await usedInWindow(getDb(), merchantId, userId);
  return Math.max(0, env().STAFF_REFUND_LIMIT_CENTS - used);
}

type Q = Pick<ReturnType<typeof getDb>, "select">;

async function usedInWindow(db: Q, merchantId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${staffMoneyOut.amount}), 0)` })
    .from(staffMoneyOut)
    .where(
      and(
        eq(staffMoneyOut.merchantId, merchantId),
        eq(staffMoneyOut.userId, userId),
        ne(staffMoneyOut.state, "released"),
        gt(staffMoneyOut.createdAt, sql`now() - make_interval(hours => ${STAFF_MONEY_OUT_WINDOW_HOURS})`),
      ),
    );
  return Number(row?.total ?? 0);
}

function refusal(m: MoneyOut, limit: number, used: number): UserError {
  const left = Math.max(0, limit - used);
  const money = (c: number) => formatMoney(c, m.currency);
  const head = `Staff can give back up to ${money(limit)} per ${STAFF_MONEY_OUT_WINDOW_HOURS} hours (refunds, credits and gift-card loads together)`;
  const message =
    left === 0
      ? `${head}, and you have reached it. Ask a merchant admin to do this.`
      : `${head}; you have ${money(left)} left. Ask a merchant admin to do more.`;
  return fieldError(m.field ?? "amount", message);
}

/** Reserves the amount, or throws the refusal. Returns the reservation id. */
async function reserve(m: MoneyOut): Promise<number> {
  const limit = env().STAFF_REFUND_LIMIT_CENTS;
  return getDb().transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`money-out:${m.merchantId}:${m.actor.userId}`}, 0))`,
    );
    if (m.intentKey) {
      const [again] = await tx
        .select({ id: staffMoneyOut.id })
        .from(staffMoneyOut)
        .where(
          and(
            eq(staffMoneyOut.merchantId, m.merchantId),
            eq(staffMoneyOut.intentKey, m.intentKey),
            ne(staffMoneyOut.state, "released"),
          ),
        );
      if (again) return again.id;
    }
    const used = await usedInWindow(tx, m.merchantId, m.actor.userId);
    if (used + m.amount > limit) throw refusal(m, limit, used);
    const [row] = await tx
      .insert(staffMoneyOut)
      .values({
        merchantId: m.merchantId,
        userId: m.actor.userId,
        kind: m.kind,
        amount: m.amount,
        currency: m.currency,
        intentKey: m.intentKey ?? null,
      })
      .returning({ id: staffMoneyOut.id });
    return row!.id;
  });
}

async function finish(id: number, state: "done" | "released" | "unknown", reference?: string | null): Promise<void> {
  await getDb()
    .update(staffMoneyOut)
    .set({ state, reference: reference ?? undefined, updatedAt: new Date() })
    .where(eq(staffMoneyOut.id, id));
}

/** Errors after which nothing moved at the provider: the reservation is given back. */
function nothingMoved(err: unknown): boolean {
  if (err instanceof UserError || err instanceof Declined || err instanceof InvalidRequest) return true;
  if (err instanceof NotFound) return true;
  if (err instanceof Unavailable) return !err.maybeProcessed;
  return false;
}

export interface MoneyOutResult {
  /** The provider refused (a declined credit): the reservation is given back. */
  released?: boolean;
  reference?: string | null;
}

/**
 * Runs `move` under the staff limit. `outcome` tells, from the result, whether money moved (a decline returned as
 * a value rather than thrown releases the reservation) and what the provider created.
 */
export async function withMoneyOutLimit<T>(
  m: MoneyOut,
  move: () => Promise<T>,
  outcome: (result: T) => MoneyOutResult = () => ({}),
): Promise<T> {
  if (!isMoneyOutLimited(m.actor.role) || m.amount <= 0) return move();
  const id = await reserve(m);
  let result: T;
  try {
    result = await move();
  } catch (err) {
    const state = nothingMoved(err) ? "released" : "unknown";
    await finish(id, state).catch((e) => log().error({ err: e, id }, "staff money-out reservation not finished"));
    throw err;
  }
  const o = outcome(result);
  await finish(id, o.released ? "released" : "done", o.reference).catch((e) =>
    log().error({ err: e, id }, "staff money-out reservation not finished"),
  );
  return result;
}
