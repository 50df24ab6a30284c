import { getDb } from "@/db/client";
import { findMerchantsByMid } from "@/db/queries/merchants-lookup";
import { webhookEvents } from "@/db/schema";
import {
  fluidPayWebhookAccount,
  isFluidPayTestDelivery,
  parseFluidPayWebhook,
  verifyFluidPaySignature,
} from "@/lib/gateway/fluidpay/webhooks";
import { log } from "@/lib/log";
import { unsealCredentials } from "@/lib/connections/credentials";
import { upsertBatches } from "./batches";
import { upsertInvoices } from "./invoices";
import { syncMerchantSubscriptions } from "./subscriptions";
import { upsertTransactions } from "./transactions";

export const MAX_WEBHOOK_BYTES = 1_000_000;
/** A delivery whose signed `action_at` is further than this from now is refused (replays of captured deliveries). */
export const WEBHOOK_TOLERANCE_MS = 5 * 60_000;

/**
 * The raw body, read only up to MAX_WEBHOOK_BYTES: a declared Content-Length above it is refused before reading, and
 * a body without one (chunked) is cut off as soon as it passes the limit. null when too large.
 */
export async function readWebhookBody(req: Request): Promise<string | null> {
  const declared = req.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= MAX_WEBHOOK_BYTES)) return null;
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_WEBHOOK_BYTES) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export interface IngestResult {
  status: number;
  body: { received: boolean; duplicate?: boolean; test?: boolean; error?: string };
}

const rejected: IngestResult = { status: 401, body: { received: false, error: "invalid signature" } };

/**
 * At most this many deliveries are ingested at once per process. A burst for one merchant serialises on its cache
 * lock; unbounded, every waiting delivery held a pooled connection (pool: 20) and the rest timed out connecting
 * (500s). Waiting here holds no connection; past the wait the gateway is told to retry (503).
 */
const MAX_CONCURRENT_INGESTS = 8;
const INGEST_WAIT_MS = 25_000;
let running = 0;
const queue: (() => void)[] = [];

async function gated<T>(fn: () => Promise<T>, busy: T): Promise<T> {
  if (running >= MAX_CONCURRENT_INGESTS) {
    const admitted = await new Promise<boolean>((resolve) => {
      const go = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        const i = queue.indexOf(go);
        if (i >= 0) queue.splice(i, 1);
        resolve(false);
      }, INGEST_WAIT_MS);
      queue.push(go);
    });
    if (!admitted) return busy;
  } else running++;
  try {
    return await fn();
  } finally {
    // Hand the slot to the next waiter (it does not increment), or free it.
    const next = queue.shift();
    if (next) next();
    else running--;
  }
}

/**
 * Accepts one provider webhook: the signature is checked over the raw body with the merchant's own
 * secret (unknown merchant, missing secret and bad signature all answer the same 401 and change
 * nothing); each event id is ingested once; transactions are upserted through the same path as
 * write-through, which ignores events older than the cache (reordering).
 */
export async function ingestWebhook(provider: string, raw: string, headers: Headers): Promise<IngestResult> {
  if (provider !== "fluidpay") return { status: 404, body: { received: false, error: "unknown provider" } };
  return gated(() => ingest(provider, raw, headers), { status: 503, body: { received: false, error: "busy, retry" } });
}

/**
 * The signature covers the raw body only (services.md §5.7), so everything that decides what happens comes from the
 * body: the dedupe id is a digest of it and its `action_at` must be within WEBHOOK_TOLERANCE_MS of now. The unsigned
 * `X-Webhook-Event-Id` is only logged.
 */
async function ingest(provider: string, raw: string, headers: Headers): Promise<IngestResult> {
  // The gateway's test delivery (on webhook registration) is signed with the documented fixed test secret: answer it
  // (so the gateway does not retry it as a failure) and change nothing. Any other type needs the merchant's secret.
  if (isFluidPayTestDelivery(raw, headers)) return { status: 200, body: { received: true, test: true } };
  const accountId = fluidPayWebhookAccount(raw);
  if (!accountId) return rejected;
  const candidates = await findMerchantsByMid({ gateway: "fluidpay", mid: accountId });
  const merchant = candidates.find((m) => {
    if (!m.credentialsEnc) return false;
    const creds = unsealCredentials(m.credentialsEnc, m.id).gateway;
    return (
      creds.family === "fluidpay" && !!creds.webhookSecret && verifyFluidPaySignature(raw, headers, creds.webhookSecret)
    );
  });
  if (!merchant) {
    log().warn({ provider, accountId }, "webhook rejected: signature did not verify");
    return rejected;
  }
  let event: ReturnType<typeof parseFluidPayWebhook>;
  try {
    event = parseFluidPayWebhook(raw);
  } catch (err) {
    log().warn({ err, provider }, "webhook body not understood");
    return { status: 400, body: { received: false, error: "malformed event" } };
  }
  if (!event.actionAt || Math.abs(Date.now() - event.actionAt.getTime()) > WEBHOOK_TOLERANCE_MS) {
    log().warn(
      { provider, merchantId: merchant.id, actionAt: event.actionAt, headerEventId: headers.get("x-webhook-event-id") },
      "webhook refused: its signed action_at is missing or more than 5 minutes from now",
    );
    return { status: 400, body: { received: false, error: "stale or undated event" } };
  }
  if (event.type === "test") return { status: 200, body: { received: true } };
  const fresh = await getDb().transaction(async (tx) => {
    const inserted = await tx
      .insert(webhookEvents)
      .values({ provider, eventId: event.eventId, merchantId: merchant.id, type: event.type })
      .onConflictDoNothing()
      .returning({ eventId: webhookEvents.eventId });
    if (inserted.length === 0) return false;
    if (event.transaction) await upsertTransactions(tx, merchant.id, [event.transaction]);
    if (event.invoice) await upsertInvoices(tx, merchant.id, [event.invoice]);
    return true;
  });
  if (fresh && event.batch) await upsertBatches(merchant.id, [event.batch]);
  if (fresh && event.type.startsWith("subscription_")) {
    // The event's charge is already cached above; the subscription's new status and next bill date come from the
    // gateway (best effort: reconciliation converges it if this fails).
    const named = event.transaction?.subscriptionId ? [event.transaction.subscriptionId] : [];
    await syncMerchantSubscriptions(merchant.id, named).catch((err) =>
      log().warn({ err }, "subscription refresh after webhook failed"),
    );
  }
  return { status: 200, body: fresh ? { received: true } : { received: true, duplicate: true } };
}
