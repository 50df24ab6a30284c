import { POST as webhookPost } from "@/app/api/webhooks/[provider]/route";
import { resetEnvCache } from "@/lib/env";
import { dispatch as sandboxes } from "@portal/sandbox";
import { type Served, serve } from "./serve";

/**
 * One origin that answers like the running portal for what integration tests need: the sandboxes
 * under /sandbox/... and the webhook receiver under /api/webhooks/... . APP_URL points at it, so
 * adapters, provisioning and sandbox webhooks all reach it over real HTTP. `calls` collects every request it answers
 * ("METHOD /path"); `bodies`, when given, collects each request's path and body text (tests that check what was sent).
 */
export async function servePortalOrigin(
  opts: { calls?: string[]; bodies?: { path: string; body: string }[] } = {},
): Promise<Served> {
  const served = await serve(async (req) => {
    const path = new URL(req.url).pathname;
    opts.calls?.push(`${req.method} ${path}`);
    if (opts.bodies && req.method !== "GET") opts.bodies.push({ path, body: await req.clone().text() });
    if (path.startsWith("/sandbox/")) return sandboxes(req);
    const hook = path.match(/^\/api\/webhooks\/([^/]+)$/);
    if (hook && req.method === "POST")
      return webhookPost(req, { params: Promise.resolve({ provider: hook[1] as string }) });
    return new Response("not found", { status: 404 });
  });
  process.env.APP_URL = served.url;
  resetEnvCache();
  return served;
}
