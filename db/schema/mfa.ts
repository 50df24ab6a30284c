import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { userRef, users } from "./users";
import { rowId, timestampNow } from "./columns";

/**
 * A user's TOTP authenticator (RFC 6238). The secret is sealed (AES-256-GCM, lib/crypto/keys). A row with
 * `enabled_at` null is an enrolment in progress (QR shown, not yet confirmed with a code) and does not
 * protect sign-in yet. `last_used_step` is the 30-second time step of the last accepted code: a code is
 * accepted only for a later step, so an accepted code cannot be replayed inside its window.
 */
export const mfaFactors = pgTable("mfa_factors", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretEnc: text().notNull(),
  enabledAt: timestamp({ withTimezone: true }),
  lastUsedStep: bigint({ mode: "number" }),
  createdAt: timestampNow(),
});

/** One-time recovery codes (only their SHA-256 is stored); regenerating deletes the old set. */
export const mfaRecoveryCodes = pgTable(
  "mfa_recovery_codes",
  {
    id: rowId(),
    userId: userRef(),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestampNow(),
  },
  (t) => [uniqueIndex().on(t.userId, t.codeHash)],
);

/**
 * Pending sign-ins. `mfa`: the password was right and the second factor is awaited (the browser holds the
 * random token in an HttpOnly cookie; it is not a session and opens no page or action). `session`: a
 * server-side ticket, consumed at once by the credentials provider to issue the session cookie (after the
 * code, or to re-issue the current session after a password change). Only the SHA-256 of a token is stored.
 */
export const loginChallenges = pgTable(
  "login_challenges",
  {
    id: rowId(),
    userId: userRef(),
    tokenHash: text().notNull(),
    purpose: text({ enum: ["mfa", "session"] }).notNull(),
    /** The user's session_version when the password was proven: a password change meanwhile voids it. */
    sessionVersion: integer().notNull(),
    attempts: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    consumedAt: timestamp({ withTimezone: true }),
    createdAt: timestampNow(),
  },
  (t) => [uniqueIndex().on(t.tokenHash), index().on(t.userId)],
);
