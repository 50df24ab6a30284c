import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { rowId, timestampNow } from "./columns";

/** Every webhook event accepted once: (provider, event id) is the idempotency key of ingestion. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    provider: text().notNull(),
    eventId: text().notNull(),
    merchantId: uuid().notNull(),
    type: text().notNull(),
    receivedAt: timestampNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] }), index().on(t.merchantId, t.receivedAt)],
);

/** Where reconciliation of one resource of one merchant got to. */
export const syncCursors = pgTable(
  "sync_cursors",
  {
    merchantId: uuid().notNull(),
    resource: text().notNull(),
    cursor: text().notNull(),
    updatedAt: timestampNow(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.resource] })],
);

/** A reconciliation or backfill run, with progress for the settings page. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: rowId(),
    merchantId: uuid().notNull(),
    kind: text().notNull(),
    status: text().notNull().default("running"),
    processed: integer().notNull().default(0),
    total: integer(),
    error: text(),
    startedAt: timestampNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.merchantId, t.startedAt)],
);
