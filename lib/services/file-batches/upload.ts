import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getFileBatch } from "@/db/queries/file-batches";
import { fileBatches } from "@/db/schema";
import { NotFound } from "@/lib/auth/errors";
import type { MerchantContext } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { checkBatchCsv } from "@/lib/validations/file-batches";

async function gatewayWithFileBatch(merchantId: string) {
  const gateway = await gatewayForMerchant(merchantId);
  if (!gateway.capabilities.fileBatch) {
    throw new UserError("unavailable", "File batches are not available for this merchant's gateway.");
  }
  return gateway;
}

/** Checks the file again on the server (never trusting the browser's preview), uploads it, records it. */
export async function uploadFileBatch(ctx: MerchantContext, fileName: string, text: string) {
  const check = checkBatchCsv(text);
  if (check.fileErrors.length > 0) {
    throw new UserError("invalid", check.fileErrors[0] as string, { file: check.fileErrors });
  }
  const gateway = await gatewayWithFileBatch(ctx.merchant.id);
  const fb = await gateway.fileBatches.upload(text, fileName);
  const name = fileName.replace(/[^\w .-]/g, "_").slice(0, 120) || "batch.csv";
  await getDb().transaction(async (tx) => {
    await tx.insert(fileBatches).values({
      merchantId: ctx.merchant.id,
      providerId: fb.id,
      fileName: name,
      status: fb.status,
      lineCount: fb.lineCount ?? check.rows.length,
      processedLines: fb.processedLines ?? 0,
      uploadedBy: ctx.user.id,
    });
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      merchantId: ctx.merchant.id,
      action: "file_batch.upload",
      targetType: "file_batch",
      targetId: fb.id,
      after: { fileName: name, rows: check.rows.length, flaggedRows: check.rowProblems.length },
    });
  });
  return { id: fb.id, status: fb.status, lineCount: fb.lineCount ?? check.rows.length };
}

/** Current progress from the gateway, written to the history table. */
export async function refreshFileBatch(merchantId: string, batchId: string) {
  const known = await getFileBatch({ merchantId, batchId });
  if (!known) throw new NotFound();
  if (known.status === "completed" || known.status === "failed") return known;
  const fb = await (await gatewayWithFileBatch(merchantId)).fileBatches.get(batchId);
  const [row] = await getDb()
    .update(fileBatches)
    .set({ status: fb.status, lineCount: fb.lineCount, processedLines: fb.processedLines, updatedAt: new Date() })
    .where(and(eq(fileBatches.merchantId, merchantId), eq(fileBatches.providerId, batchId)))
    .returning();
  return row ?? known;
}

export async function fileBatchResult(merchantId: string, batchId: string): Promise<string> {
  const known = await getFileBatch({ merchantId, batchId });
  if (!known) throw new NotFound();
  if (known.status !== "completed") throw new UserError("conflict", "The results are ready when processing completes.");
  return (await gatewayWithFileBatch(merchantId)).fileBatches.download(batchId);
}
