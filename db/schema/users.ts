import { boolean, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Stored lower-cased; unique. */
    email: text().notNull(),
    name: text().notNull(),
    /** argon2id hash; null until the user sets a password through a one-time link. */
    passwordHash: text(),
    /** Bumped on password change or "sign out everywhere": older sessions stop working. */
    sessionVersion: integer().notNull().default(1),
    disabled: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.email)],
);
