import { and, asc, count, desc, eq, gte, lte } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { settlementBatches, transactions } from "@/db/schema";

export interface BatchFilter {
  merchantId: string;
  /** Inclusive UTC days "YYYY-MM-DD". */
  from?: string;
  to?: string;
  batchId?: string;
  limit?: number;
  offset?: number;
}

function where(f: BatchFilter) {
  return and(
    eq(settlementBatches.merchantId, f.merchantId),
    f.from ? gte(settlementBatches.batchDate, new Date(`${f.from}T00:00:00.000Z`)) : undefined,
    f.to ? lte(settlementBatches.batchDate, new Date(`${f.to}T23:59:59.999Z`)) : undefined,
    f.batchId ? eq(settlementBatches.providerId, f.batchId) : undefined,
  );
}

export async function listBatches(f: BatchFilter, db: DbOrTx = getDb()) {
  const rows = await db
    .select()
    .from(settlementBatches)
    .where(where(f))
    .orderBy(desc(settlementBatches.batchDate), desc(settlementBatches.providerId))
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0);
  const [total] = await db.select({ n: count() }).from(settlementBatches).where(where(f));
  return { rows, total: total?.n ?? 0 };
}

export async function getBatch({ merchantId, batchId }: { merchantId: string; batchId: string }, db: DbOrTx = getDb()) {
  const [b] = await db
    .select()
    .from(settlementBatches)
    .where(and(eq(settlementBatches.merchantId, merchantId), eq(settlementBatches.providerId, batchId)));
  return b ?? null;
}

/** The cached transactions of one batch (capped: a batch page is a reading view, the CSV has them all). */
export async function listBatchTransactions(
  { merchantId, batchId, limit = 500 }: { merchantId: string; batchId: string; limit?: number },
  db: DbOrTx = getDb(),
) {
  return db
    .select({
      providerId: transactions.providerId,
      type: transactions.type,
      status: transactions.status,
      amount: transactions.amount,
      settledAmount: transactions.settledAmount,
      cardBrand: transactions.cardBrand,
      maskedNumber: transactions.maskedNumber,
      methodKind: transactions.methodKind,
      lastFour: transactions.lastFour,
      orderId: transactions.orderId,
      providerCreatedAt: transactions.providerCreatedAt,
    })
    .from(transactions)
    .where(and(eq(transactions.merchantId, merchantId), eq(transactions.batchId, batchId)))
    .orderBy(asc(transactions.providerCreatedAt))
    .limit(limit);
}
