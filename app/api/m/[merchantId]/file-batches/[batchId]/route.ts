import { merchantRoute } from "@/lib/auth/route";
import { refreshFileBatch } from "@/lib/services/file-batches/upload";

export const dynamic = "force-dynamic";

/** Progress of one file batch (polled by the page while the gateway processes it). */
export const GET = merchantRoute("merchant:view", async (_req, ctx, params) => {
  const b = await refreshFileBatch(ctx.merchant.id, String(params.batchId ?? ""));
  return Response.json(
    { id: b.providerId, status: b.status, lineCount: b.lineCount, processedLines: b.processedLines },
    { headers: { "cache-control": "no-store" } },
  );
});
