import { merchantRoute } from "@/lib/auth/route";
import { loadMerchantStatement, merchantStatementPdf, monthFromQuery } from "@/lib/services/statements/render";

export const dynamic = "force-dynamic";

/** The month's statement as PDF (`?month=YYYY-MM`). */
export const GET = merchantRoute("reports:export", async (req, ctx) => {
  const month = monthFromQuery(new URL(req.url).searchParams.get("month"));
  return merchantStatementPdf(ctx.merchant.name, await loadMerchantStatement(ctx.merchant.id, month), new Date());
});
