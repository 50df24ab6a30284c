import { index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { merchantRef } from "./merchants";
import { users } from "./users";
import { timestampNow } from "./columns";

/** Uploaded file batches and their last known progress at the gateway. */
export const fileBatches = pgTable(
  "file_batches",
  {
    merchantId: merchantRef(),
    providerId: text().notNull(),
    fileName: text().notNull(),
    status: text().notNull(),
    lineCount: integer(),
    processedLines: integer(),
    uploadedBy: uuid().references(() => users.id),
    createdAt: timestampNow(),
    updatedAt: timestampNow(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.providerId] }), index().on(t.merchantId, t.createdAt)],
);
