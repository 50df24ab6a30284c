import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { fileBatches } from "@/db/schema";

export async function listFileBatches(db: DbOrTx, { merchantId, limit = 50 }: { merchantId: string; limit?: number }) {
  return db
    .select()
    .from(fileBatches)
    .where(eq(fileBatches.merchantId, merchantId))
    .orderBy(desc(fileBatches.createdAt))
    .limit(limit);
}

export async function getFileBatch(db: DbOrTx, { merchantId, batchId }: { merchantId: string; batchId: string }) {
  const [row] = await db
    .select()
    .from(fileBatches)
    .where(and(eq(fileBatches.merchantId, merchantId), eq(fileBatches.providerId, batchId)));
  return row ?? null;
}
