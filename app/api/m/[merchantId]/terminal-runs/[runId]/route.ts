import { merchantRoute } from "@/lib/auth/route";
import { GatewayConfigError } from "@/lib/gateway";
import { isGatewayError, NotFound, userMessage } from "@/lib/gateway/errors";
import { pollTerminalRun } from "@/lib/services/terminals/run";

export const dynamic = "force-dynamic";

/** Progress of a card-present run for the polling view; each poll writes the transaction through. */
export const GET = merchantRoute("terminals:use", async (_req, ctx, params) => {
  const runId = String(params.runId ?? "");
  try {
    const run = await pollTerminalRun(ctx.merchant.id, runId);
    return Response.json(run, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof NotFound) return Response.json({ error: "not_found" }, { status: 404 });
    if (err instanceof GatewayConfigError) {
      return Response.json(
        { error: "unavailable", message: "Terminals are not available for this merchant yet." },
        { status: 503 },
      );
    }
    if (isGatewayError(err)) {
      return Response.json({ error: "unavailable", message: userMessage(err) }, { status: 502 });
    }
    throw err;
  }
});
