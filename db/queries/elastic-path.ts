import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { elasticPathStores, transactions } from "@/db/schema";

/** A merchant's Elastic Path stores (sealed credential included for the services that unseal it; never for UI). */
export async function listElasticPathStores(q: { merchantId: string }) {
  return getDb()
    .select()
    .from(elasticPathStores)
    .where(eq(elasticPathStores.merchantId, q.merchantId))
    .orderBy(asc(elasticPathStores.createdAt));
}

export async function getElasticPathStore(q: { merchantId: string; storeId: string }) {
  const [row] = await getDb()
    .select()
    .from(elasticPathStores)
    .where(and(eq(elasticPathStores.merchantId, q.merchantId), eq(elasticPathStores.id, q.storeId)));
  return row ?? null;
}

/** The explicit channel of one cached transaction (null: derived, or not cached). */
export async function getTransactionChannel(q: { merchantId: string; transactionId: string }) {
  const [row] = await getDb()
    .select({ channel: transactions.channel })
    .from(transactions)
    .where(and(eq(transactions.merchantId, q.merchantId), eq(transactions.providerId, q.transactionId)));
  return row?.channel ?? null;
}
