import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { AdjustmentRef } from "@/lib/gateway/types";
import { merchantRef } from "./merchants";
import { timestampNow } from "./columns";

/**
 * Cache of the gateway's recurring subscriptions (the gateway is the source of truth). One row per
 * (merchant, provider id); written through after every portal action and converged by
 * `syncMerchantSubscriptions`. Add-ons and discounts are the gateway's snapshot (overrides applied), so the
 * preview and the metrics need nothing else. `status_changed_at` is when the cache first saw the current status
 * (churn "this month" reads it).
 */
export const subscriptions = pgTable(
  "subscriptions",
  {
    merchantId: merchantRef(),
    providerId: text().notNull(),
    status: text().notNull(),
    planId: text(),
    planName: text(),
    description: text(),
    customerId: text().notNull(),
    customerName: text(),
    customerEmail: text(),
    paymentMethodType: text(),
    paymentMethodId: text(),
    billingAddressId: text(),
    shippingAddressId: text(),
    amount: bigint({ mode: "number" }).notNull(),
    currency: text().notNull().default("USD"),
    billingFrequency: text().notNull(),
    billingCycleInterval: integer().notNull(),
    /** "1,15"; "" for daily. 0 = the month's last day. */
    billingDays: text().notNull().default(""),
    /** Charges in total; 0 = until cancelled. */
    duration: integer().notNull().default(0),
    nextBillDate: date({ mode: "string" }),
    addOns: jsonb().$type<AdjustmentRef[]>().notNull().default([]),
    discounts: jsonb().$type<AdjustmentRef[]>().notNull().default([]),
    totalAddOns: bigint({ mode: "number" }).notNull().default(0),
    totalDiscounts: bigint({ mode: "number" }).notNull().default(0),
    providerCreatedAt: timestamp({ withTimezone: true }).notNull(),
    providerUpdatedAt: timestamp({ withTimezone: true }).notNull(),
    statusChangedAt: timestampNow(),
    deletedAt: timestamp({ withTimezone: true }),
    updatedAt: timestampNow(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.providerId] }),
    index().on(t.merchantId, t.providerCreatedAt, t.providerId),
    index().on(t.merchantId, t.status),
    index().on(t.merchantId, t.customerId),
  ],
);
