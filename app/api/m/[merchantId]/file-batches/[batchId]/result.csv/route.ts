import { merchantRoute } from "@/lib/auth/route";
import { csvResponse } from "@/lib/csv";
import { fileBatchResult } from "@/lib/services/file-batches/upload";

export const dynamic = "force-dynamic";

/** The gateway's per-row result file (card and account numbers masked by the gateway). */
export const GET = merchantRoute("reports:export", async (_req, ctx, params) => {
  const id = String(params.batchId ?? "");
  return csvResponse(`file-batch-${id}-results.csv`, await fileBatchResult(ctx.merchant.id, id));
});
