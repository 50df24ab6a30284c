import { getPartnerName } from "@/db/queries/partners";
import { partnerRoute } from "@/lib/auth/route";
import { loadPartnerStatement, monthFromQuery, partnerStatementPdf } from "@/lib/services/statements/render";

export const dynamic = "force-dynamic";

/** The portfolio's statement for a month as PDF. */
export const GET = partnerRoute("partner:export", async (req, ctx) => {
  const month = monthFromQuery(new URL(req.url).searchParams.get("month"));
  const statement = await loadPartnerStatement({ partnerId: ctx.partnerId, agentUserId: ctx.agentUserId }, month);
  return partnerStatementPdf((await getPartnerName({ partnerId: ctx.partnerId })) ?? "Partner", statement, new Date());
});
