import { sql } from "drizzle-orm";
import { bigint, boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Invoice } from "@/lib/gateway/types";
import { merchants } from "./merchants";

const cents = () => bigint({ mode: "number" });

/**
 * Invoices of a merchant. `source` says who holds the truth: `gateway` rows are a cache of the gateway's
 * invoice (keyed by its id; write-through, webhooks and reconciliation converge them), `local` rows (CardPointe
 * merchants, whose platform has no invoice API) will be the record itself once that adapter exists.
 * `status` is the gateway's status; `sent_at`, `voided_at` and the outside-payment note are the portal's own.
 */
export const invoices = pgTable(
  "invoices",
  {
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id),
    providerId: text().notNull(),
    source: text({ enum: ["gateway", "local"] })
      .notNull()
      .default("gateway"),
    number: text(),
    status: text().notNull(),
    currency: text().notNull().default("USD"),
    customerId: text(),
    customerName: text(),
    customerEmail: text(),
    customerPhone: text(),
    subtotal: cents().notNull().default(0),
    tax: cents().notNull().default(0),
    shipping: cents().notNull().default(0),
    adjustment: cents().notNull().default(0),
    total: cents().notNull().default(0),
    amountPaid: cents().notNull().default(0),
    amountDue: cents().notNull().default(0),
    allowPartialPayment: boolean().notNull().default(false),
    paymentMethods: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    transactionType: text().notNull().default("sale"),
    dueAt: timestamp({ withTimezone: true }),
    /** How the portal delivers it (email/text/both/none); deliveries go to the outbox. */
    sendVia: text().notNull().default("none"),
    sentAt: timestamp({ withTimezone: true }),
    voidedAt: timestamp({ withTimezone: true }),
    paidOutsideMethod: text(),
    paidOutsideNote: text(),
    /** The domain invoice as last seen (items, addresses, message) for the detail and pay pages. */
    document: jsonb().$type<Invoice>().notNull(),
    /** The portal's editing form as last saved (line tax rates, percentage discounts), for edit and display. */
    form: jsonb().$type<Record<string, unknown>>(),
    providerCreatedAt: timestamp({ withTimezone: true }).notNull(),
    providerUpdatedAt: timestamp({ withTimezone: true }).notNull(),
    syncedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.providerId] }),
    index().on(t.merchantId, t.providerCreatedAt.desc(), t.providerId.desc()),
    index().on(t.merchantId, t.status, t.dueAt),
    index().on(t.merchantId, t.number),
    index().on(t.merchantId, t.customerId),
  ],
);

/**
 * Hosted pay links. The token itself (≥ 128 random bits) is only ever in the delivered message; this table keeps
 * its SHA-256, so a database leak reveals no working link. A link expires 90 days after the invoice's due date.
 */
export const invoiceLinks = pgTable(
  "invoice_links",
  {
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id),
    tokenHash: text().notNull(),
    invoiceProviderId: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.tokenHash] }),
    // The public page knows only the token.
    index().on(t.tokenHash),
    index().on(t.merchantId, t.invoiceProviderId),
  ],
);
