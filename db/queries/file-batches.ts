import { and, desc, eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { fileBatches } from "@/db/schema";

export async function listFileBatches(
  { merchantId, limit = 50 }: { merchantId: string; limit?: number },
  db: DbOrTx = getDb(),
) {
  return db
    .select()
    .from(fileBatches)
    .where(eq(fileBatches.merchantId, merchantId))
    .orderBy(desc(fileBatches.createdAt))
    .limit(limit);
}

export async function getFileBatch(
  { merchantId, batchId }: { merchantId: string; batchId: string },
  db: DbOrTx = getDb(),
) {
  const [row] = await db
    .select()
    .from(fileBatches)
    .where(and(eq(fileBatches.merchantId, merchantId), eq(fileBatches.providerId, batchId)));
  return row ?? null;
}
