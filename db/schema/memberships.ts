import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, primaryKey, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchantRef, merchants } from "./merchants";
import { partners } from "./partners";
import { userRef } from "./users";
import { rowId, timestampNow } from "./columns";

export const role = pgEnum("role", ["partner_admin", "partner_agent", "merchant_admin", "merchant_staff"]);

/** A user's role on exactly one partner or one merchant. */
export const memberships = pgTable(
  "memberships",
  {
    id: rowId(),
    userId: userRef(),
    partnerId: uuid().references(() => partners.id),
    merchantId: uuid().references(() => merchants.id),
    role: role().notNull(),
    createdAt: timestampNow(),
  },
  (t) => [
    uniqueIndex().on(t.userId, t.merchantId),
    uniqueIndex().on(t.userId, t.partnerId),
    index().on(t.merchantId),
    index().on(t.partnerId),
    check(
      "membership_scope",
      sql`(${t.partnerId} is null) <> (${t.merchantId} is null) and (
        (${t.role} in ('partner_admin','partner_agent')) = (${t.partnerId} is not null))`,
    ),
  ],
);

/** Merchants a partner agent may see. Partner admins see every merchant of their partner. */
export const agentAssignments = pgTable(
  "agent_assignments",
  {
    userId: userRef(),
    merchantId: merchantRef(),
    createdAt: timestampNow(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.userId] }), index().on(t.userId)],
);
