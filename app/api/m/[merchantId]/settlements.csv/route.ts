import { listBatches } from "@/db/queries/settlements";
import { merchantRoute } from "@/lib/auth/route";
import { csvResponse } from "@/lib/csv";
import { centsToDecimalString } from "@/lib/money";
import { settlementFiltersSchema } from "@/lib/validations/settlements";

export const dynamic = "force-dynamic";

export const GET = merchantRoute("reports:export", async (req, ctx) => {
  const f = settlementFiltersSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const { rows } = await listBatches({
    merchantId: ctx.merchant.id,
    from: f.from,
    to: f.to,
    batchId: f.batch || undefined,
    limit: 50_000,
  });
  return csvResponse(
    `settlements-${ctx.merchant.id}.csv`,
    ["batch_id", "batch_number", "batch_date", "transactions", "captured", "credits", "net_deposit", "status"],
    rows.map((b) => [
      b.providerId,
      b.batchNumber,
      b.batchDate.toISOString(),
      b.transactionCount,
      centsToDecimalString(b.capturedAmount),
      centsToDecimalString(b.creditAmount),
      centsToDecimalString(b.netDeposit),
      b.status,
    ]),
  );
});
