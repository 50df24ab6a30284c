import { and, asc, eq, ilike, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { agentAssignments, merchants } from "@/db/schema";

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
};

export async function getMerchant(db: DbOrTx, { merchantId }: { merchantId: string }) {
  const [m] = await db.select(publicColumns).from(merchants).where(eq(merchants.id, merchantId)).limit(1);
  return m ?? null;
}

/** Includes the sealed credentials: for services that call the provider, never for pages. */
export async function getMerchantWithCredentials(db: DbOrTx, { merchantId }: { merchantId: string }) {
  const [m] = await db
    .select({ ...publicColumns, credentialsEnc: merchants.credentialsEnc })
    .from(merchants)
    .where(eq(merchants.id, merchantId))
    .limit(1);
  return m ?? null;
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

export async function listPartnerMerchants(db: DbOrTx, f: PortfolioFilter) {
  const where = and(
    eq(merchants.partnerId, f.partnerId),
    f.agentUserId
      ? inArray(
          merchants.id,
          db
            .select({ id: agentAssignments.merchantId })
            .from(agentAssignments)
            .where(eq(agentAssignments.userId, f.agentUserId)),
        )
      : undefined,
    f.search ? ilike(merchants.name, `%${f.search.replace(/[%_\\]/g, "\\$&")}%`) : undefined,
    f.gateway ? eq(merchants.gateway, f.gateway) : undefined,
  );
  const rows = await db
    .select(publicColumns)
    .from(merchants)
    .where(where)
    .orderBy(asc(merchants.name), asc(merchants.id))
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(merchants)
    .where(where);
  return { rows, total: count?.n ?? 0 };
}
