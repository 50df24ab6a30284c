import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";

/** Settings → Webhooks inputs, shared by the forms and the actions. */

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, "Unknown event type."))
  .min(1, "Choose at least one event.")
  .max(WEBHOOK_EVENT_TYPES.length);

const url = z.string().trim().min(1, "Enter the URL that receives the events.").max(2000, "At most 2,000 characters.");

const description = z
  .string()
  .trim()
  .max(200, "At most 200 characters.")
  .optional()
  .transform((v) => v || null);

export const createEndpointSchema = z.object({ merchantId: z.string(), url, description, eventTypes });

export const updateEndpointSchema = z.object({
  merchantId: z.string(),
  endpointId: z.uuid("Unknown endpoint."),
  url,
  description,
  eventTypes,
  enabled: z.boolean(),
});

export const endpointRefSchema = z.object({ merchantId: z.string(), endpointId: z.uuid("Unknown endpoint.") });

/** Hours the previous secret keeps signing after a rotation (0 = stop at once). */
export const ROTATION_OVERLAPS = [0, 1, 24, 72] as const;

export const rotateSecretSchema = endpointRefSchema.extend({
  overlapHours: z.coerce
    .number()
    .int()
    .refine(
      (v) => (ROTATION_OVERLAPS as readonly number[]).includes(v),
      "Choose how long the old secret keeps working.",
    ),
});

export const deliveryRefSchema = z.object({ merchantId: z.string(), deliveryId: z.uuid("Unknown delivery.") });

export const DELIVERY_STATUSES = ["queued", "sending", "succeeded", "retrying", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
