import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Short exclusive leases on a piece of work that spans a provider call (lib/services/leases.ts): taken and given back
 * in short transactions, so a waiter never holds a pooled connection and a holder that died frees it at expiry.
 */
export const leases = pgTable("leases", {
  key: text().primaryKey(),
  holder: uuid().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});
