import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { merchants } from "./merchants";
import { rowId, timestampNow } from "./columns";

/**
 * Messages the portal would send (there is no mail or SMS server): invoices, and later partner boarding and
 * password resets. `merchant_id` is null for messages that belong to no merchant; `topic` and `reference` say
 * what a message is about (e.g. "invoice.sent", an invoice id) so a feature can list its own.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: rowId(),
    merchantId: uuid().references(() => merchants.id),
    channel: text({ enum: ["email", "text"] }).notNull(),
    to: text().notNull(),
    subject: text(),
    body: text().notNull(),
    topic: text(),
    reference: text(),
    createdAt: timestampNow(),
  },
  (t) => [index().on(t.merchantId, t.createdAt), index().on(t.merchantId, t.topic, t.reference)],
);
