/**
 * # Announcing a change to the merchant's systems: `emitMerchantEvent`
 *
 * ```ts
 * import { emitMerchantEvent } from "@/lib/sync/merchant-events";
 * await emitMerchantEvent(merchantId, "exception.created", { id, reason, amount }, tx);
 * ```
 *
 * Transactional outbox: the event row, one delivery per enabled endpoint subscribed to the type, and each delivery's
 * pg-boss job are written in the caller's transaction (a savepoint when `db` is one), so a change that rolls back
 * announces nothing and one that commits is delivered at least once. Nothing is written when no endpoint wants the
 * type. `data` is what receivers see under `data`: ids, amounts in minor units, statuses — never card data.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { webhookDeliveries, webhookEndpoints, merchantEvents } from "@/db/schema";
import { enqueueDeliveries } from "@/lib/queue/webhooks";
import { TEST_EVENT_TYPE, type WebhookEventType } from "@/lib/webhooks/event-types";

export type { WebhookEventType } from "@/lib/webhooks/event-types";

export interface MerchantEvent {
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/** Several events of one merchant at once (the sync's batches); returns the ids of the events written. */
export async function emitMerchantEvents(db: DbOrTx, merchantId: string, events: MerchantEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const endpoints = await db
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.merchantId, merchantId), eq(webhookEndpoints.enabled, true)));
  const wanted = events
    .map((e) => ({ e, to: endpoints.filter((p) => p.eventTypes.includes(e.type)).map((p) => p.id) }))
    .filter((w) => w.to.length > 0);
  if (wanted.length === 0) return [];
  return writeEvents(db, merchantId, wanted);
}

/** One event (see the module header). Returns its id, or null when no endpoint wants it. */
export async function emitMerchantEvent(
  merchantId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  db: DbOrTx = getDb(),
): Promise<string | null> {
  const [id] = await emitMerchantEvents(db, merchantId, [{ type, data }]);
  return id ?? null;
}

/** The "Send test event" button: a `test.ping` to one endpoint, whatever types it subscribed to. */
export async function emitTestEvent(db: DbOrTx, merchantId: string, endpointId: string): Promise<string> {
  const data = { message: "A test event from Settings → Webhooks. No money moved." };
  const [id] = await writeEvents(db, merchantId, [{ e: { type: TEST_EVENT_TYPE, data }, to: [endpointId] }]);
  return id!;
}

async function writeEvents(
  db: DbOrTx,
  merchantId: string,
  wanted: { e: { type: string; data: Record<string, unknown> }; to: string[] }[],
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const rows = wanted.map((w) => ({ id: randomUUID(), merchantId, type: w.e.type, data: w.e.data }));
    await tx.insert(merchantEvents).values(rows);
    const deliveries = wanted.flatMap((w, i) =>
      w.to.map((endpointId) => ({ id: randomUUID(), merchantId, endpointId, eventId: rows[i]!.id })),
    );
    await tx.insert(webhookDeliveries).values(deliveries);
    await enqueueDeliveries(
      tx,
      deliveries.map((d) => d.id),
    );
    return rows.map((r) => r.id);
  });
}
