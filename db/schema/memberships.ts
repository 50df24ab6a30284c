import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, primaryKey, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchants } from "./merchants";
import { partners } from "./partners";
import { users } from "./users";

export const role = pgEnum("role", ["partner_admin", "partner_agent", "merchant_admin", "merchant_staff"]);

/** A user's role on exactly one partner or one merchant. */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    partnerId: uuid().references(() => partners.id),
    merchantId: uuid().references(() => merchants.id),
    role: role().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
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
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.userId] }), index().on(t.userId)],
);
