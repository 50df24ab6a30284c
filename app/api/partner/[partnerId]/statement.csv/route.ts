import { partnerRoute } from "@/lib/auth/route";
import { loadPartnerStatement, monthFromQuery, partnerStatementCsv } from "@/lib/services/statements/render";

export const dynamic = "force-dynamic";

/** The portfolio's statement for a month as CSV: one row per merchant (agents: their assigned ones) and a TOTAL row. */
export const GET = partnerRoute("partner:export", async (req, ctx) => {
  const month = monthFromQuery(new URL(req.url).searchParams.get("month"));
  return partnerStatementCsv(
    await loadPartnerStatement({ partnerId: ctx.partnerId, agentUserId: ctx.agentUserId }, month),
  );
});
