import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { merchants } from "./merchants";

/**
 * Outbound webhooks to the merchant's own systems (lib/services/webhooks). An endpoint is a URL the merchant owns
 * with the event types it wants; its signing secret is sealed (lib/crypto/keys, bound to the row and column) and
 * shown once. During a rotation the previous secret keeps signing beside the new one until
 * `previous_secret_expires_at`, so a receiver can switch without losing events.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid().primaryKey().defaultRandom(),
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id),
    url: text().notNull(),
    description: text(),
    /** Event types delivered to this endpoint (lib/services/webhooks/types.ts). */
    eventTypes: text().array().notNull(),
    enabled: boolean().notNull().default(true),
    secretEnc: text().notNull(),
    previousSecretEnc: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.merchantId, t.createdAt)],
);

/**
 * The events themselves (the outbox): written in the transaction of the change they describe, with one delivery per
 * subscribed endpoint and its pg-boss job. `id` is the event id receivers deduplicate by; the body sent is
 * `{ id, type, created, data }`.
 */
export const merchantEvents = pgTable(
  "merchant_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id),
    type: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.merchantId, t.createdAt)],
);

/** One event to one endpoint: queued → succeeded, or retrying → failed after the last retry. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: uuid()
      .notNull()
      .references(() => merchantEvents.id, { onDelete: "cascade" }),
    status: text({ enum: ["queued", "sending", "succeeded", "retrying", "failed"] })
      .notNull()
      .default("queued"),
    attempts: integer().notNull().default(0),
    /** Sent again by a person (Resend): a new delivery of the same event (same event id). */
    manual: boolean().notNull().default(false),
    lastStatusCode: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.merchantId, t.createdAt), index().on(t.endpointId, t.createdAt), index().on(t.eventId)],
);

/** Every HTTP attempt of a delivery: what was sent when, and what the receiver answered (append-only). */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer().notNull(),
    /** The signed timestamp sent (Unix seconds). */
    timestamp: integer().notNull(),
    /** HTTP status, null when no answer came (refused, timeout, address not allowed). */
    statusCode: integer(),
    /** The first 1,000 characters of the answer's body, or what went wrong. */
    responseExcerpt: text().notNull(),
    durationMs: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.deliveryId, t.attempt)],
);
