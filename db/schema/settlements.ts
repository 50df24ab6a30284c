import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { merchantRef } from "./merchants";
import { timestampNow } from "./columns";

/** Cache of settlement batches (the gateway's closed batches). */
export const settlementBatches = pgTable(
  "settlement_batches",
  {
    merchantId: merchantRef(),
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
    syncedAt: timestampNow(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.providerId] }), index().on(t.merchantId, t.batchDate)],
);
