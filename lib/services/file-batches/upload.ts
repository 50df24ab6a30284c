import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getFileBatch } from "@/db/queries/file-batches";
import { fileBatches } from "@/db/schema";
import { NotFound } from "@/lib/auth/errors";
import type { MerchantContext } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { NotFound as GatewayNotFound } from "@/lib/gateway/errors";
import type { GatewayAdapter } from "@/lib/gateway/types";
import { isMoneyOutLimited, withMoneyOutLimit } from "@/lib/services/transactions/money-out";
import { refundableAmount } from "@/lib/services/transactions/refund";
import { type BatchCheck, checkBatchCsv } from "@/lib/validations/file-batches";

async function gatewayWithFileBatch(merchantId: string) {
  const gateway = await gatewayForMerchant(merchantId);
  if (!gateway.capabilities.fileBatch) {
    throw new UserError("unavailable", "File batches are not available for this merchant's gateway.");
  }
  return gateway;
}

/** A staff file may refund by transaction id without an amount on at most this many rows (each is looked up). */
const MAX_STAFF_FULL_REFUND_LOOKUPS = 50;

/**
 * What a file gives back: its credit rows plus its refund rows (the row's amount, or what is left to refund on the
 * transaction when the row has none). Computed for staff, whose money-out is limited.
 */
async function moneyOutOf(gateway: GatewayAdapter, check: BatchCheck): Promise<number> {
  let total = 0;
  let lookups = 0;
  for (const row of check.rows) {
    const type = row.transaction_type?.toLowerCase();
    if (type !== "refund" && type !== "credit") continue;
    if (row.amount) {
      total += Number(row.amount);
      continue;
    }
    if (type !== "refund" || !row.transaction_id) continue;
    if (++lookups > MAX_STAFF_FULL_REFUND_LOOKUPS) {
      throw new UserError(
        "invalid",
        `Give an amount on refund rows: staff files may refund in full (no amount) on at most ${MAX_STAFF_FULL_REFUND_LOOKUPS} rows.`,
        { file: ["Give an amount on refund rows."] },
      );
    }
    try {
      total += refundableAmount(await gateway.transactions.get(row.transaction_id));
    } catch (err) {
      // A transaction the gateway does not know for this merchant cannot be refunded by the batch either.
      if (!(err instanceof GatewayNotFound)) throw err;
    }
  }
  return total;
}

/**
 * Checks the file again on the server (never trusting the browser's preview), uploads it, records it. A staff
 * member's file counts its refund and credit rows against the staff money-out limit, as a whole: a file that would
 * pass the limit is refused before anything reaches the gateway.
 */
export async function uploadFileBatch(ctx: MerchantContext, fileName: string, text: string) {
  const check = checkBatchCsv(text);
  if (check.fileErrors.length > 0) {
    throw new UserError("invalid", check.fileErrors[0] as string, { file: check.fileErrors });
  }
  const gateway = await gatewayWithFileBatch(ctx.merchant.id);
  const limited = isMoneyOutLimited(ctx.role);
  const moneyOut = limited ? await moneyOutOf(gateway, check) : null;
  const fb = await withMoneyOutLimit(
    {
      merchantId: ctx.merchant.id,
      actor: { userId: ctx.user.id, role: ctx.role },
      kind: "file_batch",
      amount: moneyOut ?? 0,
      currency: "USD",
      field: "file",
    },
    () => gateway.fileBatches.upload(text, fileName),
    (b) => ({ reference: b.id }),
  );
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
      after: {
        fileName: name,
        rows: check.rows.length,
        flaggedRows: check.rowProblems.length,
        ...(moneyOut !== null ? { moneyOut } : {}),
      },
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
