import { boolean, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { rowId, timestampNow } from "./columns";

export const users = pgTable(
  "users",
  {
    id: rowId(),
    /** Stored lower-cased; unique. */
    email: text().notNull(),
    name: text().notNull(),
    /** argon2id hash; null until the user sets a password through a one-time link. */
    passwordHash: text(),
    /** Bumped on password change or "sign out everywhere": older sessions stop working. */
    sessionVersion: integer().notNull().default(1),
    disabled: boolean().notNull().default(false),
    createdAt: timestampNow(),
  },
  (t) => [uniqueIndex().on(t.email)],
);

/** `uuid not null references users(id) on delete cascade`: the account a row belongs to (gone with it). */
export const userRef = () =>
  uuid()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });
