import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Invoice } from "@/lib/gateway/types";
import { timestampNow } from "./columns";
import { merchantRef } from "./merchants";
import { merchants } from "./merchants";

const cents = () => bigint({ mode: "number" });

/**
 * Invoices of a merchant. `source` says who holds the truth: `gateway` rows are a cache of the gateway's
 * invoice (keyed by its id; write-through, webhooks and reconciliation converge them), `local` rows (CardPointe
 * merchants, whose platform has no invoice API) are the record itself: the portal numbers them, computes their
 * totals and records their payments (see invoice_payments).
 * `status` is the gateway's status; `sent_at`, `voided_at` and the outside-payment note are the portal's own.
 */
export const invoices = pgTable(
  "invoices",
  {
    merchantId: merchantRef(),
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
    syncedAt: timestampNow(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.providerId] }),
    index().on(t.merchantId, t.providerCreatedAt, t.providerId),
    index().on(t.merchantId, t.status, t.dueAt),
    index().on(t.merchantId, t.number),
    index().on(t.merchantId, t.customerId),
    // The portal numbers local invoices itself (invoice_number_counters); a typed duplicate is refused.
    uniqueIndex("invoices_local_number_unique")
      .on(t.merchantId, t.number)
      .where(sql`${t.source} = 'local' and ${t.number} is not null`),
  ],
);

/**
 * Hosted pay links. The token itself (≥ 128 random bits) is only ever in the delivered message; this table keeps
 * its SHA-256, so a database leak reveals no working link. A link expires 90 days after the invoice's due date.
 */
export const invoiceLinks = pgTable(
  "invoice_links",
  {
    merchantId: merchantRef(),
    tokenHash: text().notNull(),
    /** The token sealed (AES-256-GCM), so the invoice page can show the merchant the pay link again; a pay link is
     * not an account credential, and the hash alone still opens nothing. Null for links made before it was kept. */
    tokenEnc: text(),
    invoiceProviderId: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestampNow(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.tokenHash] }),
    // The public page knows only the token.
    index().on(t.tokenHash),
    index().on(t.merchantId, t.invoiceProviderId),
  ],
);

/**
 * Payments of `local` invoices (the portal is their record). One row per (invoice, attempt): the key is the
 * attempt's idempotency key, so resubmissions of one attempt find the same row. A row reserves its amount while
 * `pending` (a request is charging it) or `unknown` (the gateway's answer was lost: the next submission of the
 * same attempt asks the gateway by orderid before charging again); `approved` counts it in the invoice's
 * amount_paid, `declined` releases it. `amount` is the invoice portion; `surcharge` is charged on top of it.
 */
export const invoicePayments = pgTable(
  "invoice_payments",
  {
    merchantId: merchantRef(),
    idempotencyKey: text().notNull(),
    invoiceId: text().notNull(),
    attemptId: text().notNull(),
    method: text({ enum: ["card", "ach"] }).notNull(),
    status: text({ enum: ["pending", "unknown", "approved", "declined"] }).notNull(),
    amount: cents().notNull(),
    surcharge: cents().notNull().default(0),
    /** The surcharge rate applied, thousandths of a percent (0: none). */
    surchargeRate: integer().notNull().default(0),
    transactionId: text(),
    responseText: text(),
    /** When the current request took the attempt; a `pending` row older than the lease is treated as `unknown`. */
    claimedAt: timestampNow(),
    createdAt: timestampNow(),
    updatedAt: timestampNow(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.idempotencyKey] }),
    index().on(t.merchantId, t.invoiceId, t.createdAt),
    index().on(t.merchantId, t.transactionId),
  ],
);

/** Per-merchant invoice number sequence for `local` invoices (one row, incremented atomically). */
export const invoiceNumberCounters = pgTable("invoice_number_counters", {
  merchantId: uuid()
    .primaryKey()
    .references(() => merchants.id),
  lastNumber: bigint({ mode: "number" }).notNull(),
  updatedAt: timestampNow(),
});

/**
 * A merchant's invoice settings. `card_surcharge_rate` (thousandths of a percent, 0 = none) is the surcharge the
 * portal adds to card payments of invoices it charges itself (local invoices); ACH is never surcharged.
 */
export const invoiceSettings = pgTable("invoice_settings", {
  merchantId: uuid()
    .primaryKey()
    .references(() => merchants.id),
  cardSurchargeRate: integer().notNull().default(0),
  updatedAt: timestampNow(),
  updatedBy: uuid(),
});
