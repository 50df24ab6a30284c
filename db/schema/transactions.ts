import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { gatewayFamily, merchantRef } from "./merchants";
import { timestampNow } from "./columns";

const cents = (name?: string) => (name ? bigint(name, { mode: "number" }) : bigint({ mode: "number" }));

/**
 * Cache of the gateway's transactions (the gateway is the source of truth). One row per
 * (merchant, provider id); upserts are idempotent and never move `provider_updated_at` backwards.
 * Masked payment data only.
 */
export const transactions = pgTable(
  "transactions",
  {
    merchantId: merchantRef(),
    providerId: text().notNull(),
    family: gatewayFamily().notNull(),
    type: text().notNull(),
    status: text().notNull(),
    approved: boolean().notNull(),
    amount: cents().notNull(),
    authorizedAmount: cents().notNull().default(0),
    capturedAmount: cents().notNull().default(0),
    settledAmount: cents().notNull().default(0),
    refundedAmount: cents().notNull().default(0),
    taxAmount: cents().notNull().default(0),
    shippingAmount: cents().notNull().default(0),
    tipAmount: cents().notNull().default(0),
    surchargeAmount: cents().notNull().default(0),
    currency: text().notNull().default("USD"),
    methodKind: text().notNull(),
    cardBrand: text(),
    maskedNumber: text(),
    lastFour: text(),
    entryType: text(),
    /**
     * The customer's signature as the gateway returns it (CardPointe: base64 gzipped BMP from the terminal or
     * `sigcap`; FluidPay: `response_body.terminal.signature_data`). An image, never card data.
     */
    signature: text(),
    avsCode: text(),
    cvvCode: text(),
    responseCode: integer(),
    responseText: text(),
    authCode: text(),
    orderId: text(),
    poNumber: text(),
    description: text(),
    customerId: text(),
    subscriptionId: text(),
    invoiceId: text(),
    batchId: text(),
    referencedTransactionId: text(),
    source: text(),
    /**
     * Where the payment came from when a service knows it better than the provider's record (e.g. "storefront" for an
     * Elastic Path order). Null: derived from the row (lib/sync/channel.ts). The sync never overwrites a known
     * channel with null, so a later webhook or reconciliation cannot downgrade it.
     */
    channel: text(),
    providerCreatedAt: timestamp({ withTimezone: true }).notNull(),
    providerUpdatedAt: timestamp({ withTimezone: true }).notNull(),
    settledAt: timestamp({ withTimezone: true }),
    syncedAt: timestampNow(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.providerId] }),
    // Keyset pagination, newest first. Ascending on purpose: PostgreSQL reads it backwards for
    // `ORDER BY provider_created_at DESC, provider_id DESC` (= DESC NULLS FIRST). A `DESC` index is `DESC NULLS
    // LAST`, which that ORDER BY cannot use, and every list fell back to a full scan + sort (docs/decisions.md).
    index().on(t.merchantId, t.providerCreatedAt, t.providerId),
    index().on(t.merchantId, t.lastFour),
    index().on(t.merchantId, t.orderId),
    index().on(t.merchantId, t.customerId),
    index().on(t.merchantId, t.status, t.providerCreatedAt),
    index().on(t.merchantId, t.batchId),
    index()
      .on(t.merchantId, t.invoiceId)
      .where(sql`${t.invoiceId} is not null`),
    index()
      .on(t.merchantId, t.subscriptionId)
      .where(sql`${t.subscriptionId} is not null`),
  ],
);

/** Customers of the vault (cache; masked default payment method only). */
export const customers = pgTable(
  "customers",
  {
    merchantId: merchantRef(),
    providerId: text().notNull(),
    name: text(),
    email: text(),
    company: text(),
    phone: text(),
    description: text(),
    defaultMethodKind: text(),
    defaultCardBrand: text(),
    defaultLastFour: text(),
    defaultMasked: text(),
    paymentMethodCount: integer().notNull().default(0),
    providerCreatedAt: timestamp({ withTimezone: true }).notNull(),
    providerUpdatedAt: timestamp({ withTimezone: true }).notNull(),
    deletedAt: timestamp({ withTimezone: true }),
    syncedAt: timestampNow(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.providerId] }),
    index().on(t.merchantId, t.providerCreatedAt, t.providerId),
    index().on(t.merchantId, t.email),
    index().on(t.merchantId, t.defaultLastFour),
  ],
);
