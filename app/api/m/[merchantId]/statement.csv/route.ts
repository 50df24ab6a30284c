import { merchantRoute } from "@/lib/auth/route";
import { loadMerchantStatement, merchantStatementCsv, monthFromQuery } from "@/lib/services/statements/render";

export const dynamic = "force-dynamic";

/** The month's statement as CSV (`?month=YYYY-MM`): one row per day and a TOTAL row, amounts in dollars and cents. */
export const GET = merchantRoute("reports:export", async (req, ctx) => {
  const month = monthFromQuery(new URL(req.url).searchParams.get("month"));
  return merchantStatementCsv(ctx.merchant.name, await loadMerchantStatement(ctx.merchant.id, month));
});
