"use server";

import { merchantAction, revalidate } from "@/lib/actions/safe-action";
import {
  createEndpoint,
  deleteEndpoint,
  resendDelivery,
  rotateEndpointSecret,
  sendTestEvent,
  updateEndpoint,
} from "@/lib/services/webhooks/endpoints";
import {
  createEndpointSchema,
  deliveryRefSchema,
  endpointRefSchema,
  rotateSecretSchema,
  updateEndpointSchema,
} from "@/lib/validations/webhooks";

/** Settings → Webhooks: endpoints of the merchant's own systems (admins). Each change writes an audit row. */

const refresh = (merchantId: string) => revalidate(`/m/${merchantId}/settings/webhooks`);

export const createEndpointAction = merchantAction("settings:manage", createEndpointSchema, async (ctx, input) => {
  const r = await createEndpoint(ctx, input);
  refresh(ctx.merchant.id);
  // The secret is returned to this one response, to be shown once; it is stored sealed and never shown again.
  return r;
});

export const updateEndpointAction = merchantAction("settings:manage", updateEndpointSchema, async (ctx, input) => {
  await updateEndpoint(ctx, input.endpointId, input);
  refresh(ctx.merchant.id);
  return { endpointId: input.endpointId };
});

export const deleteEndpointAction = merchantAction("settings:manage", endpointRefSchema, async (ctx, input) => {
  await deleteEndpoint(ctx, input.endpointId);
  refresh(ctx.merchant.id);
  return { endpointId: input.endpointId };
});

export const rotateSecretAction = merchantAction("settings:manage", rotateSecretSchema, async (ctx, input) => {
  const r = await rotateEndpointSecret(ctx, input.endpointId, input.overlapHours);
  refresh(ctx.merchant.id);
  return { secret: r.secret, previousValidUntil: r.previousValidUntil?.toISOString() ?? null };
});

export const sendTestEventAction = merchantAction("settings:manage", endpointRefSchema, async (ctx, input) => {
  const r = await sendTestEvent(ctx, input.endpointId);
  refresh(ctx.merchant.id);
  return r;
});

export const resendDeliveryAction = merchantAction("settings:manage", deliveryRefSchema, async (ctx, input) => {
  const r = await resendDelivery(ctx, input.deliveryId);
  refresh(ctx.merchant.id);
  return r;
});
