import { ingestWebhook, readWebhookBody } from "@/lib/sync/webhooks";

export const dynamic = "force-dynamic";

/**
 * Provider webhooks. No session: each request is authorised by its HMAC signature over the raw body,
 * verified with the secret of the merchant the event names; the event's id and time come from the signed body
 * (lib/sync/webhooks.ts).
 */
export async function POST(req: Request, { params }: { params: Promise<{ provider: string }> }): Promise<Response> {
  const { provider } = await params;
  // The size is checked while reading: no more than the limit is ever read into memory.
  const raw = await readWebhookBody(req);
  if (raw === null) return Response.json({ received: false, error: "too large" }, { status: 413 });
  const result = await ingestWebhook(provider, raw, req.headers);
  return Response.json(result.body, { status: result.status });
}
