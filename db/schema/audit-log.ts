import { bigserial, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestampNow } from "./columns";

/**
 * Append-only: a trigger (migration 0001) refuses UPDATE and DELETE. Written in the same
 * transaction as the change it records.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestampNow(),
    actorUserId: uuid(),
    /** Shown when the actor is not a user (webhook, job, customer on the pay page). */
    actorLabel: text(),
    merchantId: uuid(),
    partnerId: uuid(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
  },
  (t) => [index().on(t.merchantId, t.at), index().on(t.partnerId, t.at), index().on(t.actorUserId)],
);
