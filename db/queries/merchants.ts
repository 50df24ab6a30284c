import { and, asc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { agentAssignments, boardingApplications, dailyRollups, merchants } from "@/db/schema";
import { pageByOffset } from "./paginate";

const publicColumns = {
  id: merchants.id,
  partnerId: merchants.partnerId,
  name: merchants.name,
  gateway: merchants.gateway,
  environment: merchants.environment,
  site: merchants.site,
  mid: merchants.mid,
  status: merchants.status,
  createdAt: merchants.createdAt,
  brandColor: merchants.brandColor,
  logoUrl: merchants.logoUrl,
  supportEmail: merchants.supportEmail,
};

export async function getMerchant({ merchantId }: { merchantId: string }, db: DbOrTx = getDb()) {
  const [m] = await db.select(publicColumns).from(merchants).where(eq(merchants.id, merchantId)).limit(1);
  return m ?? null;
}

/** Includes the sealed credentials: for services that call the provider, never for pages. */
export async function getMerchantWithCredentials({ merchantId }: { merchantId: string }, db: DbOrTx = getDb()) {
  const [m] = await db
    .select({ ...publicColumns, credentialsEnc: merchants.credentialsEnc })
    .from(merchants)
    .where(eq(merchants.id, merchantId))
    .limit(1);
  return m ?? null;
}

/**
 * The merchants a partner user may see: the partner's, and for an agent (`agentUserId`) only those assigned to them.
 */
export function partnerMerchantScope(db: DbOrTx, s: { partnerId: string; agentUserId?: string }) {
  return and(
    eq(merchants.partnerId, s.partnerId),
    s.agentUserId
      ? inArray(
          merchants.id,
          db
            .select({ id: agentAssignments.merchantId })
            .from(agentAssignments)
            .where(eq(agentAssignments.userId, s.agentUserId)),
        )
      : undefined,
  );
}

export interface PortfolioFilter {
  partnerId: string;
  /** Set for agents: only merchants assigned to this user. */
  agentUserId?: string;
  search?: string;
  gateway?: "fluidpay" | "cardpointe";
  limit?: number;
  offset?: number;
}

export async function listPartnerMerchants(f: PortfolioFilter, db: DbOrTx = getDb()) {
  const where = and(
    partnerMerchantScope(db, f),
    f.search ? ilike(merchants.name, `%${f.search.replace(/[%_\\]/g, "\\$&")}%`) : undefined,
    f.gateway ? eq(merchants.gateway, f.gateway) : undefined,
  );
  return pageByOffset(
    f,
    db.select(publicColumns).from(merchants).where(where).orderBy(asc(merchants.name), asc(merchants.id)).$dynamic(),
    () =>
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(merchants)
        .where(where),
  );
}

export interface PortfolioQuery extends PortfolioFilter {
  /** merchant status ("live", ...) */
  status?: string;
  /** boarding stage of the application that created the merchant */
  stage?: string;
  /** "has" / "none": merchants with / without cached volume in the window */
  activity?: "has" | "none";
  /** first day (YYYY-MM-DD, UTC) of the volume window; the window ends today */
  since: string;
}

/**
 * The portfolio with last-N-days figures from daily_rollups. `days` is 0 when a merchant has no rollup
 * rows at all in the window, so the page can say "no data yet" rather than show zeros.
 */
export async function listPortfolio(f: PortfolioQuery, db: DbOrTx = getDb()) {
  const agg = db
    .select({
      merchantId: dailyRollups.merchantId,
      volume: sql<number>`coalesce(sum(${dailyRollups.grossVolume}), 0)::bigint`.as("volume"),
      approved: sql<number>`coalesce(sum(${dailyRollups.approvedCount}), 0)::int`.as("approved"),
      declined: sql<number>`coalesce(sum(${dailyRollups.declinedCount}), 0)::int`.as("declined"),
      days: sql<number>`count(*)::int`.as("days"),
      currency: sql<string>`min(${dailyRollups.currency})`.as("currency"),
    })
    .from(dailyRollups)
    .where(sql`${dailyRollups.day} >= ${f.since}::date`)
    .groupBy(dailyRollups.merchantId)
    .as("agg");
  const search = f.search?.replace(/[%_\\]/g, "\\$&");
  const where = and(
    partnerMerchantScope(db, f),
    search
      ? or(
          ilike(merchants.name, `%${search}%`),
          ilike(merchants.mid, `%${search}%`),
          ilike(boardingApplications.mid, `%${search}%`),
        )
      : undefined,
    f.gateway ? eq(merchants.gateway, f.gateway) : undefined,
    f.status ? eq(merchants.status, f.status) : undefined,
    f.stage ? eq(boardingApplications.status, f.stage as never) : undefined,
    f.activity === "has" ? sql`coalesce(${agg.days}, 0) > 0` : undefined,
    f.activity === "none" ? sql`coalesce(${agg.days}, 0) = 0` : undefined,
  );
  const base = () =>
    db
      .select({
        ...publicColumns,
        stage: boardingApplications.status,
        copilotMid: boardingApplications.mid,
        applicationId: boardingApplications.id,
        volume: sql<number>`coalesce(${agg.volume}, 0)`.mapWith(Number),
        approved: sql<number>`coalesce(${agg.approved}, 0)`.mapWith(Number),
        declined: sql<number>`coalesce(${agg.declined}, 0)`.mapWith(Number),
        days: sql<number>`coalesce(${agg.days}, 0)`.mapWith(Number),
        currency: agg.currency,
      })
      .from(merchants)
      .leftJoin(boardingApplications, eq(boardingApplications.merchantId, merchants.id))
      .leftJoin(agg, eq(agg.merchantId, merchants.id))
      .where(where);
  return pageByOffset(f, base().orderBy(asc(merchants.name), asc(merchants.id)).$dynamic(), () =>
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(merchants)
      .leftJoin(boardingApplications, eq(boardingApplications.merchantId, merchants.id))
      .leftJoin(agg, eq(agg.merchantId, merchants.id))
      .where(where),
  );
}
