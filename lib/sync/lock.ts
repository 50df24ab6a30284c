import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/**
 * One transaction-scoped lock per merchant's cache. Every cache write takes it first, so concurrent writers
 * (write-through, webhooks, reconciliation) queue instead of double counting new rows in the rollups, and always
 * in the same order (this lock, then rows), so they cannot deadlock. Re-entrant within a transaction.
 */
export async function lockMerchantCache(tx: DbOrTx, merchantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`merchant-cache:${merchantId}`}, 0))`);
}
