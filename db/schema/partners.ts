import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const partners = pgTable("partners", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
