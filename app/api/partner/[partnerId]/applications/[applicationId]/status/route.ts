import { partnerRoute } from "@/lib/auth/route";
import { CoPilotError } from "@/lib/copilot/errors";
import { refreshApplication } from "@/lib/services/boarding/refresh-status";

export const dynamic = "force-dynamic";

/** The application's live boarding timeline (polled by the status page); provisions the merchant at LIVE. */
export const GET = partnerRoute("partner:board", async (_req, ctx, params) => {
  try {
    const view = await refreshApplication(ctx, String(params.applicationId ?? ""));
    return Response.json(view, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof CoPilotError) {
      const r = err.toActionResult();
      const message = r.ok ? "" : r.error;
      return Response.json(
        { error: "copilot_unavailable", message },
        { status: 503, headers: { "cache-control": "no-store" } },
      );
    }
    throw err;
  }
});
