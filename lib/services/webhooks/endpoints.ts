import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { MerchantContext } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { fieldError, UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write";
import { emitTestEvent } from "@/lib/sync/merchant-events";
import { enqueueDeliveries } from "@/lib/queue/webhooks";
import { currentSecret, newWebhookSecret, sealSecret } from "./secrets";
import { type WebhookEventType } from "@/lib/webhooks/event-types";
import { endpointUrlProblem } from "@/lib/webhooks/url";

/**
 * Endpoint management (Settings → Webhooks): add, edit, enable/disable, remove, rotate the secret, send a test event
 * and resend a delivery. Secrets are returned once, to be shown once; they are stored sealed and never logged or
 * audited.
 */

export interface EndpointInput {
  url: string;
  description?: string | null;
  eventTypes: WebhookEventType[];
}

function checkUrl(url: string): string {
  const problem = endpointUrlProblem(url, env().sandboxEnabled);
  if (problem) throw fieldError("url", problem);
  return url;
}

async function owned(merchantId: string, endpointId: string) {
  const [row] = await getDb()
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.merchantId, merchantId), eq(webhookEndpoints.id, endpointId)));
  if (!row) throw new UserError("invalid", "This endpoint no longer exists.");
  return row;
}

const own = (ctx: MerchantContext, endpointId: string) =>
  and(eq(webhookEndpoints.merchantId, ctx.merchant.id), eq(webhookEndpoints.id, endpointId));

/** Runs `change` and its audit row in one transaction (a webhook change by this user of this merchant). */
async function audited<T>(
  ctx: MerchantContext,
  entry: { action: string; targetId: string; targetType?: string; before?: unknown; after?: unknown },
  change: (tx: DbOrTx) => Promise<T>,
): Promise<T> {
  return getDb().transaction(async (tx) => {
    const out = await change(tx);
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      merchantId: ctx.merchant.id,
      targetType: "webhook_endpoint",
      ...entry,
    });
    return out;
  });
}

const auditView = (e: { url: string; description?: string | null; eventTypes: string[]; enabled?: boolean }) => ({
  url: e.url,
  description: e.description ?? null,
  eventTypes: e.eventTypes,
  ...(e.enabled === undefined ? {} : { enabled: e.enabled }),
});

export async function createEndpoint(
  ctx: MerchantContext,
  input: EndpointInput,
): Promise<{ id: string; secret: string }> {
  const url = checkUrl(input.url);
  const id = randomUUID();
  const secret = newWebhookSecret();
  await audited(
    ctx,
    {
      action: "webhook_endpoint.created",
      targetId: id,
      after: auditView(input),
    },
    async (tx) => {
      await tx.insert(webhookEndpoints).values({
        id,
        merchantId: ctx.merchant.id,
        url,
        description: input.description ?? null,
        eventTypes: input.eventTypes,
        secretEnc: sealSecret(secret, id, "secret_enc"),
      });
    },
  );
  return { id, secret };
}

export async function updateEndpoint(
  ctx: MerchantContext,
  endpointId: string,
  input: EndpointInput & { enabled: boolean },
): Promise<void> {
  const url = checkUrl(input.url);
  const before = await owned(ctx.merchant.id, endpointId);
  await audited(
    ctx,
    {
      action: "webhook_endpoint.updated",
      targetId: endpointId,
      before: auditView(before),
      after: auditView(input),
    },
    async (tx) => {
      await tx
        .update(webhookEndpoints)
        .set({
          url,
          description: input.description ?? null,
          eventTypes: input.eventTypes,
          enabled: input.enabled,
          updatedAt: new Date(),
        })
        .where(own(ctx, endpointId));
    },
  );
}

export async function deleteEndpoint(ctx: MerchantContext, endpointId: string): Promise<void> {
  const before = await owned(ctx.merchant.id, endpointId);
  await audited(
    ctx,
    {
      action: "webhook_endpoint.deleted",
      targetId: endpointId,
      before: auditView(before),
    },
    async (tx) => {
      await tx.delete(webhookEndpoints).where(own(ctx, endpointId));
    },
  );
}

/**
 * A new secret; the old one keeps signing beside it for `overlapHours` (0: stops at once), so the receiver can be
 * switched without rejecting events in between.
 */
export async function rotateEndpointSecret(
  ctx: MerchantContext,
  endpointId: string,
  overlapHours: number,
  now = new Date(),
): Promise<{ secret: string; previousValidUntil: Date | null }> {
  const row = await owned(ctx.merchant.id, endpointId);
  const secret = newWebhookSecret();
  const previous = overlapHours > 0 ? currentSecret(row) : null;
  const until = previous ? new Date(now.getTime() + overlapHours * 3600_000) : null;
  await audited(
    ctx,
    {
      action: "webhook_endpoint.secret_rotated",
      targetId: endpointId,
      after: { previousSecretValidUntil: until?.toISOString() ?? null },
    },
    async (tx) => {
      await tx
        .update(webhookEndpoints)
        .set({
          secretEnc: sealSecret(secret, endpointId, "secret_enc"),
          previousSecretEnc: previous ? sealSecret(previous, endpointId, "previous_secret_enc") : null,
          previousSecretExpiresAt: until,
          updatedAt: now,
        })
        .where(own(ctx, endpointId));
    },
  );
  return { secret, previousValidUntil: until };
}

export async function sendTestEvent(ctx: MerchantContext, endpointId: string): Promise<{ eventId: string }> {
  const row = await owned(ctx.merchant.id, endpointId);
  if (!row.enabled) throw new UserError("invalid", "Enable the endpoint before sending it a test event.");
  const eventId = await emitTestEvent(getDb(), ctx.merchant.id, endpointId);
  return { eventId };
}

/** Sends a delivery's event again to its endpoint: a new delivery with the same event id (receivers dedupe by it). */
export async function resendDelivery(ctx: MerchantContext, deliveryId: string): Promise<{ deliveryId: string }> {
  const [d] = await getDb()
    .select({ endpointId: webhookDeliveries.endpointId, eventId: webhookDeliveries.eventId })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.merchantId, ctx.merchant.id), eq(webhookDeliveries.id, deliveryId)));
  if (!d) throw new UserError("invalid", "This delivery no longer exists.");
  const endpoint = await owned(ctx.merchant.id, d.endpointId);
  if (!endpoint.enabled) throw new UserError("invalid", "Enable the endpoint before resending to it.");
  const id = randomUUID();
  await audited(
    ctx,
    {
      action: "webhook_delivery.resent",
      targetType: "webhook_delivery",
      targetId: deliveryId,
      after: { newDeliveryId: id, eventId: d.eventId },
    },
    async (tx) => {
      await tx
        .insert(webhookDeliveries)
        .values({ id, merchantId: ctx.merchant.id, endpointId: d.endpointId, eventId: d.eventId, manual: true });
      await enqueueDeliveries(tx, [id]);
    },
  );
  return { deliveryId: id };
}
