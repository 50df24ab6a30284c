import { and, desc, eq, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { dailyRollups, merchants } from "@/db/schema";
import { partnerMerchantScope } from "./merchants";

/** Partner dashboard aggregates, from daily_rollups only (never raw transactions). */

interface Scope {
  partnerId: string;
  agentUserId?: string;
}

/** Per merchant: volume and approvals in [from, to] and volume in the previous period (for movers). */
export async function merchantPerformance(
  s: Scope & { from: string; to: string; prevFrom: string; prevTo: string },
  db: DbOrTx = getDb(),
) {
  const inRange = (a: string, b: string) => sql`${dailyRollups.day} between ${a}::date and ${b}::date`;
  return db
    .select({
      merchantId: merchants.id,
      name: merchants.name,
      volume:
        sql<number>`coalesce(sum(${dailyRollups.grossVolume}) filter (where ${inRange(s.from, s.to)}), 0)`.mapWith(
          Number,
        ),
      previousVolume:
        sql<number>`coalesce(sum(${dailyRollups.grossVolume}) filter (where ${inRange(s.prevFrom, s.prevTo)}), 0)`.mapWith(
          Number,
        ),
      approved:
        sql<number>`coalesce(sum(${dailyRollups.approvedCount}) filter (where ${inRange(s.from, s.to)}), 0)`.mapWith(
          Number,
        ),
      declined:
        sql<number>`coalesce(sum(${dailyRollups.declinedCount}) filter (where ${inRange(s.from, s.to)}), 0)`.mapWith(
          Number,
        ),
      rows: sql<number>`count(${dailyRollups.day}) filter (where ${inRange(s.from, s.to)})`.mapWith(Number),
    })
    .from(merchants)
    .leftJoin(
      dailyRollups,
      and(
        eq(dailyRollups.merchantId, merchants.id),
        sql`${dailyRollups.day} between ${s.prevFrom}::date and ${s.to}::date`,
      ),
    )
    .where(partnerMerchantScope(db, s))
    .groupBy(merchants.id, merchants.name)
    .orderBy(desc(sql`3`), merchants.name);
}

/** Merchants with no approved volume since `since` (including those with no rollups at all). */
export async function merchantsWithoutVolume(s: Scope & { since: string }, db: DbOrTx = getDb()) {
  return db
    .select({
      merchantId: merchants.id,
      name: merchants.name,
      lastActive: sql<
        string | null
      >`(select max(r.day)::text from daily_rollups r where r.merchant_id = ${merchants.id} and r.gross_volume > 0)`,
    })
    .from(merchants)
    .where(
      and(
        partnerMerchantScope(db, s),
        sql`not exists (select 1 from daily_rollups r where r.merchant_id = ${merchants.id} and r.day >= ${s.since}::date and r.gross_volume > 0)`,
      ),
    )
    .orderBy(merchants.name)
    .limit(50);
}
