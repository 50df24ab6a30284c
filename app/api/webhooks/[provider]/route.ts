import { ingestWebhook, MAX_WEBHOOK_BYTES } from "@/lib/sync/webhooks";

export const dynamic = "force-dynamic";

/**
 * Provider webhooks. No session: each request is authorised by its HMAC signature over the raw body,
 * verified with the secret of the merchant the event names (lib/sync/webhooks.ts).
 */
export async function POST(req: Request, { params }: { params: Promise<{ provider: string }> }): Promise<Response> {
  const { provider } = await params;
  const length = Number(req.headers.get("content-length") ?? "0");
  if (length > MAX_WEBHOOK_BYTES) return Response.json({ received: false, error: "too large" }, { status: 413 });
  const raw = await req.text();
  if (raw.length > MAX_WEBHOOK_BYTES) return Response.json({ received: false, error: "too large" }, { status: 413 });
  const result = await ingestWebhook(provider, raw, req.headers);
  return Response.json(result.body, { status: result.status });
}
