import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { invitations } from "./invitations";
import { userRef } from "./users";
import { rowId, timestampNow } from "./columns";

/**
 * One-time links to set or reset a password. Only the SHA-256 of the random token is stored. Issuing one voids the
 * user's older unused ones; a `set_password` link works only while the account has no password, and one that came
 * with an invitation only while that invitation is pending (lib/services/users/password-tokens.ts).
 */
export const passwordTokens = pgTable(
  "password_tokens",
  {
    id: rowId(),
    userId: userRef(),
    tokenHash: text().notNull(),
    purpose: text({ enum: ["set_password", "reset_password"] }).notNull(),
    /** The invitation a new account's set-password link came with: setting the password accepts it. */
    invitationId: uuid().references(() => invitations.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestampNow(),
  },
  (t) => [uniqueIndex().on(t.tokenHash), index().on(t.userId)],
);
