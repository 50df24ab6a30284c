import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { dailyBrandRollups, dailyDeclineRollups, dailyRollups, transactions } from "@/db/schema";
import { contributionOf } from "@/lib/sync/contribution";

const FIELDS = [
  "grossVolume",
  "transactionCount",
  "approvedCount",
  "declinedCount",
  "refundAmount",
  "refundCount",
  "settledAmount",
  "surchargeAmount",
] as const;

/**
 * The merchant's daily rollups recomputed from scratch over its cached transactions: what the incremental sync must
 * equal (the upsert property test and the reliability tests compare the stored rollups with it). Keyed
 * `day|currency`, all-zero days left out.
 */
export async function recomputedRollups(merchantId: string): Promise<Record<string, Record<string, number>>> {
  const rows = await getDb().select().from(transactions).where(eq(transactions.merchantId, merchantId));
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const c = contributionOf(r);
    const acc = (out[`${c.day}|${c.currency}`] ??= {});
    for (const f of FIELDS) acc[f] = (acc[f] ?? 0) + c[f];
  }
  for (const [k, v] of Object.entries(out)) if (Object.values(v).every((n) => n === 0)) delete out[k];
  return out;
}

/** The stored daily rollups in the same shape. */
export async function storedRollups(merchantId: string): Promise<Record<string, Record<string, number>>> {
  const rows = await getDb().select().from(dailyRollups).where(eq(dailyRollups.merchantId, merchantId));
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const v = Object.fromEntries(FIELDS.map((f) => [f, r[f]]));
    if (Object.values(v).every((n) => n === 0)) continue;
    out[`${r.day}|${r.currency}`] = v;
  }
  return out;
}

/** Every rollup table of the merchant as one comparable text (daily, brand, decline). */
export async function rollupSnapshot(merchantId: string): Promise<string> {
  const db = getDb();
  const [daily, brand, decline] = await Promise.all([
    db.select().from(dailyRollups).where(eq(dailyRollups.merchantId, merchantId)),
    db.select().from(dailyBrandRollups).where(eq(dailyBrandRollups.merchantId, merchantId)),
    db.select().from(dailyDeclineRollups).where(eq(dailyDeclineRollups.merchantId, merchantId)),
  ]);
  const sort = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
  return JSON.stringify([sort(daily), sort(brand), sort(decline)]);
}
