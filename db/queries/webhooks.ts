import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { merchantEvents, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { paginate } from "./paginate";

/** Settings → Webhooks, read side. Never a secret: the sealed columns are read only by the delivery job. */

const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  eventTypes: webhookEndpoints.eventTypes,
  enabled: webhookEndpoints.enabled,
  previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
  createdAt: webhookEndpoints.createdAt,
};

export async function listWebhookEndpoints({ merchantId }: { merchantId: string }, db: DbOrTx = getDb()) {
  return db
    .select(endpointColumns)
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.merchantId, merchantId))
    .orderBy(asc(webhookEndpoints.createdAt));
}

export async function getWebhookEndpoint(
  { merchantId, endpointId }: { merchantId: string; endpointId: string },
  db: DbOrTx = getDb(),
) {
  const [row] = await db
    .select(endpointColumns)
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.merchantId, merchantId), eq(webhookEndpoints.id, endpointId)));
  return row ?? null;
}

export interface DeliveryFilter {
  merchantId: string;
  endpointId?: string;
  status?: string;
  eventType?: string;
  page?: number;
  pageSize?: number;
}

/** The delivery log, newest first: event, endpoint, status, attempts. */
export async function listWebhookDeliveries(f: DeliveryFilter, db: DbOrTx = getDb()) {
  const where: SQL[] = [eq(webhookDeliveries.merchantId, f.merchantId)];
  if (f.endpointId) where.push(eq(webhookDeliveries.endpointId, f.endpointId));
  if (f.status) where.push(eq(webhookDeliveries.status, f.status as "queued"));
  if (f.eventType) where.push(eq(merchantEvents.type, f.eventType));
  const rows = db
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      endpointUrl: webhookEndpoints.url,
      eventId: merchantEvents.id,
      eventType: merchantEvents.type,
      eventData: merchantEvents.data,
      eventCreatedAt: merchantEvents.createdAt,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      manual: webhookDeliveries.manual,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .innerJoin(merchantEvents, eq(merchantEvents.id, webhookDeliveries.eventId))
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .$dynamic();
  const total = db
    .select({ n: count() })
    .from(webhookDeliveries)
    .innerJoin(merchantEvents, eq(merchantEvents.id, webhookDeliveries.eventId))
    .where(and(...where));
  return paginate(f, rows, total);
}

/** Each delivery's attempts in order (status, answer excerpt, duration), for the deliveries of one page. */
export async function listWebhookAttempts(
  { merchantId, deliveryIds }: { merchantId: string; deliveryIds: string[] },
  db: DbOrTx = getDb(),
) {
  const out = new Map<string, (typeof webhookAttempts.$inferSelect)[]>();
  if (deliveryIds.length === 0) return out;
  const rows = await db
    .select({ a: webhookAttempts })
    .from(webhookAttempts)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
    .where(and(eq(webhookDeliveries.merchantId, merchantId), inArray(webhookAttempts.deliveryId, deliveryIds)))
    .orderBy(asc(webhookAttempts.attempt));
  for (const { a } of rows) out.set(a.deliveryId, [...(out.get(a.deliveryId) ?? []), a]);
  return out;
}
