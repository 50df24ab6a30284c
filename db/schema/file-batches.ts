import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { merchants } from "./merchants";
import { users } from "./users";

/** Uploaded file batches and their last known progress at the gateway. */
export const fileBatches = pgTable(
  "file_batches",
  {
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id),
    providerId: text().notNull(),
    fileName: text().notNull(),
    status: text().notNull(),
    lineCount: integer(),
    processedLines: integer(),
    uploadedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.providerId] }), index().on(t.merchantId, t.createdAt)],
);
