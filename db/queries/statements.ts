import { and, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { dailyChannelRollups, dailyRollups, merchants, settlementBatches, transactions } from "@/db/schema";
import { partnerMerchantScope } from "./merchants";

/**
 * Monthly statements, read from the cache: the daily rollups (sales volume and count, refunds, surcharges), the
 * settlement batches (deposits, and fees withheld from them: captured − credits − net deposit), and the transactions
 * the gateway marked returned (chargebacks and ACH returns; a handful of rows, by an index on status). Days are UTC
 * calendar days, as the rollups'. Amounts are integer cents of the statement currency (USD).
 */

export interface StatementFigures {
  salesCount: number;
  volume: number;
  refundCount: number;
  refunds: number;
  surcharges: number;
  chargebackCount: number;
  chargebacks: number;
  depositCount: number;
  deposits: number;
  fees: number;
}

export interface StatementDay extends StatementFigures {
  day: string;
}

export const ZERO_FIGURES: StatementFigures = {
  salesCount: 0,
  volume: 0,
  refundCount: 0,
  refunds: 0,
  surcharges: 0,
  chargebackCount: 0,
  chargebacks: 0,
  depositCount: 0,
  deposits: 0,
  fees: 0,
};

export const STATEMENT_CURRENCY = "USD";

/** `[first day, first day of the next month)` of a `YYYY-MM` month. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

const n = (col: unknown) => sql<number>`coalesce(sum(${col}), 0)`.mapWith(Number);

/** Per merchant and day, every figure of the month for the merchants in `scope`. */
async function figuresByMerchantDay(
  scope: { merchantIds: SQL } | { merchantId: string },
  month: string,
  db: DbOrTx,
): Promise<Map<string, Map<string, StatementFigures>>> {
  const { from, to } = monthBounds(month);
  const out = new Map<string, Map<string, StatementFigures>>();
  const cell = (merchantId: string, day: string) => {
    let days = out.get(merchantId);
    if (!days) out.set(merchantId, (days = new Map()));
    let f = days.get(day);
    if (!f) days.set(day, (f = { ...ZERO_FIGURES }));
    return f;
  };
  const who = (col: AnyPgColumn) =>
    "merchantId" in scope ? eq(col, scope.merchantId) : sql`${col} in ${scope.merchantIds}`;

  const rollups = await db
    .select({
      merchantId: dailyRollups.merchantId,
      day: dailyRollups.day,
      volume: n(dailyRollups.grossVolume),
      refundCount: n(dailyRollups.refundCount),
      refunds: n(dailyRollups.refundAmount),
      surcharges: n(dailyRollups.surchargeAmount),
    })
    .from(dailyRollups)
    .where(
      and(
        who(dailyRollups.merchantId),
        eq(dailyRollups.currency, STATEMENT_CURRENCY),
        gte(dailyRollups.day, from),
        lt(dailyRollups.day, to),
      ),
    )
    .groupBy(dailyRollups.merchantId, dailyRollups.day);
  for (const { merchantId, day, ...f } of rollups) Object.assign(cell(merchantId, day), f);

  const sales = await db
    .select({
      merchantId: dailyChannelRollups.merchantId,
      day: dailyChannelRollups.day,
      count: n(dailyChannelRollups.count),
    })
    .from(dailyChannelRollups)
    .where(
      and(who(dailyChannelRollups.merchantId), gte(dailyChannelRollups.day, from), lt(dailyChannelRollups.day, to)),
    )
    .groupBy(dailyChannelRollups.merchantId, dailyChannelRollups.day);
  for (const r of sales) cell(r.merchantId, r.day).salesCount = r.count;

  const dayOf = (col: unknown) => sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD')`;
  const batchDay = dayOf(settlementBatches.batchDate);
  const deposits = await db
    .select({
      merchantId: settlementBatches.merchantId,
      day: batchDay,
      count: sql<number>`count(*)`.mapWith(Number),
      deposits: n(settlementBatches.netDeposit),
      fees: n(
        sql`greatest(${settlementBatches.capturedAmount} - ${settlementBatches.creditAmount} - ${settlementBatches.netDeposit}, 0)`,
      ),
    })
    .from(settlementBatches)
    .where(
      and(
        who(settlementBatches.merchantId),
        eq(settlementBatches.status, "settled"),
        sql`${settlementBatches.batchDate} >= ${from}::timestamp at time zone 'UTC'`,
        sql`${settlementBatches.batchDate} < ${to}::timestamp at time zone 'UTC'`,
      ),
    )
    .groupBy(settlementBatches.merchantId, batchDay);
  for (const r of deposits)
    Object.assign(cell(r.merchantId, r.day), { depositCount: r.count, deposits: r.deposits, fees: r.fees });

  const txDay = dayOf(transactions.providerCreatedAt);
  const returned = await db
    .select({
      merchantId: transactions.merchantId,
      day: txDay,
      count: sql<number>`count(*)`.mapWith(Number),
      amount: n(transactions.amount),
    })
    .from(transactions)
    .where(
      and(
        who(transactions.merchantId),
        eq(transactions.status, "returned"),
        eq(transactions.currency, STATEMENT_CURRENCY),
        sql`${transactions.providerCreatedAt} >= ${from}::timestamp at time zone 'UTC'`,
        sql`${transactions.providerCreatedAt} < ${to}::timestamp at time zone 'UTC'`,
      ),
    )
    .groupBy(transactions.merchantId, txDay);
  for (const r of returned)
    Object.assign(cell(r.merchantId, r.day), { chargebackCount: r.count, chargebacks: r.amount });
  return out;
}

/** Field-wise sum of figures (integer cents and counts). */
export function addFigures(list: Iterable<StatementFigures>): StatementFigures {
  const t = { ...ZERO_FIGURES };
  for (const f of list) for (const k of Object.keys(t) as (keyof StatementFigures)[]) t[k] += f[k];
  return t;
}

export interface MerchantStatement {
  month: string;
  currency: string;
  days: StatementDay[];
  totals: StatementFigures;
}

export async function merchantStatement(
  { merchantId, month }: { merchantId: string; month: string },
  db: DbOrTx = getDb(),
): Promise<MerchantStatement> {
  const byDay = (await figuresByMerchantDay({ merchantId }, month, db)).get(merchantId) ?? new Map();
  const days = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, f]) => ({ day, ...f }));
  return { month, currency: STATEMENT_CURRENCY, days, totals: addFigures(days) };
}

export interface PartnerStatement {
  month: string;
  currency: string;
  merchants: ({ merchantId: string; name: string } & StatementFigures)[];
  totals: StatementFigures;
}

/** The portfolio's statement: one row per merchant in scope (agents: their assigned merchants), and the sum. */
export async function partnerStatement(
  s: { partnerId: string; agentUserId?: string; month: string },
  db: DbOrTx = getDb(),
): Promise<PartnerStatement> {
  const list = await db
    .select({ id: merchants.id, name: merchants.name })
    .from(merchants)
    .where(partnerMerchantScope(db, s))
    .orderBy(merchants.name);
  const ids = sql`(select ${merchants.id} from ${merchants} where ${partnerMerchantScope(db, s)})`;
  const figures = await figuresByMerchantDay({ merchantIds: ids }, s.month, db);
  const rows = list.map((m) => ({
    merchantId: m.id,
    name: m.name,
    ...addFigures(figures.get(m.id)?.values() ?? []),
  }));
  return { month: s.month, currency: STATEMENT_CURRENCY, merchants: rows, totals: addFigures(rows) };
}
