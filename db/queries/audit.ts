import { and, asc, desc, eq, gte, isNotNull, like, lt, type SQL, sql } from "drizzle-orm";
import { addDays, parseISO } from "date-fns";
import { type DbOrTx, getDb } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import type { AuditFilters } from "@/lib/validations/settings";

/**
 * Reads of the append-only audit log for one merchant (rows written with its merchant_id, including partner
 * actions on it). Newest first, keyset-paginated by id.
 */

const columns = {
  id: auditLog.id,
  at: auditLog.at,
  action: auditLog.action,
  actorUserId: auditLog.actorUserId,
  actorLabel: auditLog.actorLabel,
  actorName: users.name,
  actorEmail: users.email,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  before: auditLog.before,
  after: auditLog.after,
  ip: auditLog.ip,
};

export interface AuditQuery {
  merchantId: string;
  filters?: AuditFilters;
}

function conditions({ merchantId, filters = {} }: AuditQuery): SQL[] {
  const where: SQL[] = [eq(auditLog.merchantId, merchantId)];
  if (filters.actor?.startsWith("label:")) where.push(eq(auditLog.actorLabel, filters.actor.slice(6)));
  else if (filters.actor) where.push(eq(auditLog.actorUserId, filters.actor));
  if (filters.action?.endsWith(".")) where.push(like(auditLog.action, `${filters.action.replace(/[%_\\]/g, "\\$&")}%`));
  else if (filters.action) where.push(eq(auditLog.action, filters.action));
  // Calendar days in UTC, both ends inclusive.
  if (filters.from) where.push(gte(auditLog.at, parseISO(`${filters.from}T00:00:00Z`)));
  if (filters.to) where.push(lt(auditLog.at, addDays(parseISO(`${filters.to}T00:00:00Z`), 1)));
  return where;
}

export type AuditRow = Awaited<ReturnType<typeof listAuditPage>>["items"][number];

export async function listAuditPage(q: AuditQuery & { cursor?: number | null; limit?: number }, db: DbOrTx = getDb()) {
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 50), 1), 500);
  const where = conditions(q);
  if (q.cursor) where.push(lt(auditLog.id, q.cursor));
  const rows = await db
    .select(columns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

/** Every matching row, chunk by chunk (the streamed CSV export): never the whole log in memory. */
export async function* iterateAudit(q: AuditQuery, chunkSize = 500, db: DbOrTx = getDb()) {
  let cursor: number | null = null;
  for (;;) {
    const page: Awaited<ReturnType<typeof listAuditPage>> = await listAuditPage({ ...q, cursor, limit: chunkSize }, db);
    if (page.items.length) yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

/** Who and what appears in this merchant's log: the options of the filter form. */
export async function listAuditFacets({ merchantId }: { merchantId: string }, db: DbOrTx = getDb()) {
  const [people, labels, actions] = await Promise.all([
    db
      .selectDistinct({ id: users.id, name: users.name, email: users.email })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorUserId))
      .where(eq(auditLog.merchantId, merchantId))
      .orderBy(asc(users.name), asc(users.id))
      .limit(500),
    db
      .selectDistinct({ label: auditLog.actorLabel })
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, merchantId), isNotNull(auditLog.actorLabel)))
      .orderBy(asc(auditLog.actorLabel))
      .limit(100),
    db
      .select({ action: auditLog.action, n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.merchantId, merchantId))
      .groupBy(auditLog.action)
      .orderBy(asc(auditLog.action))
      .limit(500),
  ]);
  return { people, labels: labels.map((l) => l.label).filter((l): l is string => !!l), actions };
}
