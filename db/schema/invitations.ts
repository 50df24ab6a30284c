import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchantRef } from "./merchants";
import { role } from "./memberships";
import { userRef, users } from "./users";
import { rowId, timestampNow } from "./columns";

/**
 * A merchant's invitation of one account. The membership is created only when the invitee, signed in as
 * themselves, accepts it (or, for a brand-new account, sets the password through the link that came with it).
 * At most one pending invitation per (merchant, account).
 */
export const invitations = pgTable(
  "invitations",
  {
    id: rowId(),
    merchantId: merchantRef(),
    userId: userRef(),
    /** The name the inviter typed (a new account takes it; an existing one keeps its own). */
    name: text().notNull(),
    role: role().notNull(),
    /** The invitation created the account: its set-password link may be sent again while no password is set. */
    newAccount: boolean().notNull().default(false),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    declinedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestampNow(),
  },
  (t) => [
    uniqueIndex("invitations_pending_unique")
      .on(t.merchantId, t.userId)
      .where(sql`${t.acceptedAt} is null and ${t.declinedAt} is null and ${t.revokedAt} is null`),
    index().on(t.userId),
    check("invitation_merchant_role", sql`${t.role} in ('merchant_admin','merchant_staff')`),
  ],
);
