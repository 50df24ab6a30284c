import { and, desc, eq, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { boardingApplications } from "@/db/schema";

export type ApplicationStatus = (typeof boardingApplications.$inferSelect)["status"];

const columns = {
  id: boardingApplications.id,
  partnerId: boardingApplications.partnerId,
  createdByUserId: boardingApplications.createdByUserId,
  status: boardingApplications.status,
  dbaName: boardingApplications.dbaName,
  ownerEmail: boardingApplications.ownerEmail,
  gateway: boardingApplications.gateway,
  draft: boardingApplications.draft,
  copilotMerchantId: boardingApplications.copilotMerchantId,
  signatureUrl: boardingApplications.signatureUrl,
  mid: boardingApplications.mid,
  merchantId: boardingApplications.merchantId,
  submittedAt: boardingApplications.submittedAt,
  signatureSentAt: boardingApplications.signatureSentAt,
  signedAt: boardingApplications.signedAt,
  approvedAt: boardingApplications.approvedAt,
  declinedAt: boardingApplications.declinedAt,
  boardedAt: boardingApplications.boardedAt,
  liveAt: boardingApplications.liveAt,
  provisionedAt: boardingApplications.provisionedAt,
  lastCheckedAt: boardingApplications.lastCheckedAt,
  createdAt: boardingApplications.createdAt,
  updatedAt: boardingApplications.updatedAt,
};

export type Application = Awaited<ReturnType<typeof getApplication>> & {};

/** Agents (createdBy set) see only the applications they started. */
function scope(p: { partnerId: string; createdBy?: string }) {
  return and(
    eq(boardingApplications.partnerId, p.partnerId),
    p.createdBy ? eq(boardingApplications.createdByUserId, p.createdBy) : undefined,
  );
}

export async function getApplication(
  p: { partnerId: string; applicationId: string; createdBy?: string; forUpdate?: boolean },
  db: DbOrTx = getDb(),
) {
  const q = db
    .select(columns)
    .from(boardingApplications)
    .where(and(scope(p), eq(boardingApplications.id, p.applicationId)))
    .limit(1);
  const [row] = p.forUpdate ? await q.for("update") : await q;
  return row ?? null;
}

export async function listApplications(
  p: { partnerId: string; createdBy?: string; limit?: number; openOnly?: boolean },
  db: DbOrTx = getDb(),
) {
  return db
    .select(columns)
    .from(boardingApplications)
    .where(and(scope(p), p.openOnly ? sql`${boardingApplications.merchantId} is null` : undefined))
    .orderBy(desc(boardingApplications.updatedAt))
    .limit(p.limit ?? 50);
}

export async function insertApplication(
  v: { partnerId: string; createdByUserId: string; dbaName: string; ownerEmail: string | null; draft: unknown },
  db: DbOrTx = getDb(),
) {
  const [row] = await db.insert(boardingApplications).values(v).returning({ id: boardingApplications.id });
  return row!.id;
}

export async function updateApplication(
  p: { partnerId: string; applicationId: string },
  set: Partial<typeof boardingApplications.$inferInsert>,
  db: DbOrTx = getDb(),
) {
  await db
    .update(boardingApplications)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(boardingApplications.partnerId, p.partnerId), eq(boardingApplications.id, p.applicationId)));
}

/** Applications per status (the boarding pipeline). */
export async function pipelineCounts(p: { partnerId: string; createdBy?: string }, db: DbOrTx = getDb()) {
  const rows = await db
    .select({ status: boardingApplications.status, n: sql<number>`count(*)::int` })
    .from(boardingApplications)
    .where(scope(p))
    .groupBy(boardingApplications.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<ApplicationStatus, number>>;
}
