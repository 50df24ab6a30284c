import { merchantRoute } from "@/lib/auth/route";
import { csvResponse, readProviderCsv } from "@/lib/csv";
import { fileBatchResult } from "@/lib/services/file-batches/upload";

export const dynamic = "force-dynamic";

/**
 * The gateway's per-row result file (card and account numbers masked by the gateway), written out again through the
 * portal's one CSV writer: it echoes the merchant's own cells, which must not run as spreadsheet formulas.
 */
export const GET = merchantRoute("reports:export", async (_req, ctx, params) => {
  const id = String(params.batchId ?? "");
  const { header, rows } = readProviderCsv(await fileBatchResult(ctx.merchant.id, id));
  return csvResponse(`file-batch-${id}-results.csv`, header, rows);
});
