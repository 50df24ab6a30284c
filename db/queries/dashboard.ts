import { and, between, desc, eq, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { dailyBrandRollups, dailyChannelRollups, dailyDeclineRollups, dailyRollups } from "@/db/schema";

/** Dashboards read only the daily rollups (never raw transactions). Days are "YYYY-MM-DD" (UTC). */
export interface Range {
  merchantId: string;
  from: string;
  to: string;
}

export interface Totals {
  grossVolume: number;
  refundAmount: number;
  refundCount: number;
  transactionCount: number;
  approvedCount: number;
  declinedCount: number;
  settledAmount: number;
  surchargeAmount: number;
}

export async function getTotals(r: Range, db: DbOrTx = getDb()): Promise<Totals> {
  const [row] = await db
    .select({
      grossVolume: sql<number>`coalesce(sum(${dailyRollups.grossVolume}), 0)::bigint`,
      refundAmount: sql<number>`coalesce(sum(${dailyRollups.refundAmount}), 0)::bigint`,
      refundCount: sql<number>`coalesce(sum(${dailyRollups.refundCount}), 0)::int`,
      transactionCount: sql<number>`coalesce(sum(${dailyRollups.transactionCount}), 0)::int`,
      approvedCount: sql<number>`coalesce(sum(${dailyRollups.approvedCount}), 0)::int`,
      declinedCount: sql<number>`coalesce(sum(${dailyRollups.declinedCount}), 0)::int`,
      settledAmount: sql<number>`coalesce(sum(${dailyRollups.settledAmount}), 0)::bigint`,
      surchargeAmount: sql<number>`coalesce(sum(${dailyRollups.surchargeAmount}), 0)::bigint`,
    })
    .from(dailyRollups)
    .where(and(eq(dailyRollups.merchantId, r.merchantId), between(dailyRollups.day, r.from, r.to)));
  return row as Totals;
}

export async function getVolumeByDay(r: Range, db: DbOrTx = getDb()) {
  return db
    .select({
      day: dailyRollups.day,
      grossVolume: sql<number>`sum(${dailyRollups.grossVolume})::bigint`,
      approvedCount: sql<number>`sum(${dailyRollups.approvedCount})::int`,
      declinedCount: sql<number>`sum(${dailyRollups.declinedCount})::int`,
      refundAmount: sql<number>`sum(${dailyRollups.refundAmount})::bigint`,
    })
    .from(dailyRollups)
    .where(and(eq(dailyRollups.merchantId, r.merchantId), between(dailyRollups.day, r.from, r.to)))
    .groupBy(dailyRollups.day)
    .orderBy(dailyRollups.day);
}

export async function getDeclineReasons(r: Range, limit = 8, db: DbOrTx = getDb()) {
  const count = sql<number>`sum(${dailyDeclineRollups.count})::int`;
  return db
    .select({ reason: dailyDeclineRollups.reason, count })
    .from(dailyDeclineRollups)
    .where(and(eq(dailyDeclineRollups.merchantId, r.merchantId), between(dailyDeclineRollups.day, r.from, r.to)))
    .groupBy(dailyDeclineRollups.reason)
    .having(sql`sum(${dailyDeclineRollups.count}) > 0`)
    .orderBy(desc(count))
    .limit(limit);
}

export async function getBrandMix(r: Range, db: DbOrTx = getDb()) {
  const volume = sql<number>`sum(${dailyBrandRollups.volume})::bigint`;
  return db
    .select({ brand: dailyBrandRollups.brand, volume, count: sql<number>`sum(${dailyBrandRollups.count})::int` })
    .from(dailyBrandRollups)
    .where(and(eq(dailyBrandRollups.merchantId, r.merchantId), between(dailyBrandRollups.day, r.from, r.to)))
    .groupBy(dailyBrandRollups.brand)
    .having(sql`sum(${dailyBrandRollups.volume}) <> 0`)
    .orderBy(desc(volume));
}

/** Approved charge volume and count by channel (lib/sync/channel.ts), from the daily channel rollups. */
export async function getChannelMix(r: Range, db: DbOrTx = getDb()) {
  const volume = sql<number>`sum(${dailyChannelRollups.volume})::bigint`;
  return db
    .select({
      channel: dailyChannelRollups.channel,
      volume,
      count: sql<number>`sum(${dailyChannelRollups.count})::int`,
    })
    .from(dailyChannelRollups)
    .where(and(eq(dailyChannelRollups.merchantId, r.merchantId), between(dailyChannelRollups.day, r.from, r.to)))
    .groupBy(dailyChannelRollups.channel)
    .having(sql`sum(${dailyChannelRollups.count}) <> 0`)
    .orderBy(desc(volume));
}

export async function hasAnyActivity({ merchantId }: { merchantId: string }, db: DbOrTx = getDb()): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(dailyRollups)
    .where(eq(dailyRollups.merchantId, merchantId))
    .limit(1);
  return row !== undefined;
}
