import { getDb } from "@/db/client";
import { listPartnerMerchants } from "@/db/queries/merchants";
import { partnerRoute } from "@/lib/auth/route";
import { csvResponse, toCsv } from "@/lib/csv";

export const dynamic = "force-dynamic";

export const GET = partnerRoute("partner:export", async (_req, ctx) => {
  const { rows } = await listPartnerMerchants(getDb(), {
    partnerId: ctx.partnerId,
    agentUserId: ctx.agentUserId,
    limit: 100_000,
  });
  const csv = toCsv(
    ["merchant_id", "name", "gateway", "environment", "mid", "status", "created_at"],
    rows.map((m) => [m.id, m.name, m.gateway, m.environment, m.mid, m.status, m.createdAt.toISOString()]),
  );
  return csvResponse("portfolio.csv", csv);
});
