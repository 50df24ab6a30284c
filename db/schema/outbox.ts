import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { merchants } from "./merchants";

/**
 * Messages the portal would send (there is no mail or SMS server): invoices, and later partner boarding and
 * password resets. `merchant_id` is null for messages that belong to no merchant; `topic` and `reference` say
 * what a message is about (e.g. "invoice.sent", an invoice id) so a feature can list its own.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    merchantId: uuid().references(() => merchants.id),
    channel: text({ enum: ["email", "text"] }).notNull(),
    to: text().notNull(),
    subject: text(),
    body: text().notNull(),
    topic: text(),
    reference: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.merchantId, t.createdAt), index().on(t.merchantId, t.topic, t.reference)],
);
