import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { invitations } from "./invitations";
import { users } from "./users";

/**
 * One-time links to set or reset a password. Only the SHA-256 of the random token is stored. Issuing one voids the
 * user's older unused ones; a `set_password` link works only while the account has no password, and one that came
 * with an invitation only while that invitation is pending (lib/services/users/password-tokens.ts).
 */
export const passwordTokens = pgTable(
  "password_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    purpose: text({ enum: ["set_password", "reset_password"] }).notNull(),
    /** The invitation a new account's set-password link came with: setting the password accepts it. */
    invitationId: uuid().references(() => invitations.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.tokenHash), index().on(t.userId)],
);
