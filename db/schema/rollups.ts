import { bigint, date, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";

const cents = () => bigint({ mode: "number" });

/**
 * Daily aggregates per merchant, maintained by the sync in the same transaction as the cached rows
 * they summarise (new contribution minus old), so dashboards never scan raw transactions.
 * Days are UTC calendar days of the transaction's creation.
 */
export const dailyRollups = pgTable(
  "daily_rollups",
  {
    merchantId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    currency: text().notNull(),
    /** Approved sales/captures (authorized amount of approved sale/authorize transactions). */
    grossVolume: cents().notNull().default(0),
    transactionCount: integer().notNull().default(0),
    approvedCount: integer().notNull().default(0),
    declinedCount: integer().notNull().default(0),
    refundAmount: cents().notNull().default(0),
    refundCount: integer().notNull().default(0),
    settledAmount: cents().notNull().default(0),
    surchargeAmount: cents().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.day, t.currency] })],
);

/** Volume by card brand and entry mode per day. */
export const dailyBrandRollups = pgTable(
  "daily_brand_rollups",
  {
    merchantId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    brand: text().notNull(),
    entryMode: text().notNull(),
    volume: cents().notNull().default(0),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.day, t.brand, t.entryMode] })],
);

/** Declines by reason per day. */
export const dailyDeclineRollups = pgTable(
  "daily_decline_rollups",
  {
    merchantId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    reason: text().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.day, t.reason] })],
);

/** Approved charge volume and count by channel (virtual terminal, invoice, recurring, terminal, storefront) per day. */
export const dailyChannelRollups = pgTable(
  "daily_channel_rollups",
  {
    merchantId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    channel: text().notNull(),
    volume: cents().notNull().default(0),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.day, t.channel] })],
);
