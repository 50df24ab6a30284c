import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { merchants } from "./merchants";

/** Cache of settlement batches (the gateway's closed batches). */
export const settlementBatches = pgTable(
  "settlement_batches",
  {
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id),
    providerId: text().notNull(),
    batchDate: timestamp({ withTimezone: true }).notNull(),
    batchNumber: integer(),
    processorName: text(),
    transactionCount: integer().notNull().default(0),
    capturedAmount: bigint({ mode: "number" }).notNull().default(0),
    creditAmount: bigint({ mode: "number" }).notNull().default(0),
    netDeposit: bigint({ mode: "number" }).notNull().default(0),
    status: text().notNull(),
    responseMessage: text(),
    syncedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.providerId] }), index().on(t.merchantId, t.batchDate)],
);
