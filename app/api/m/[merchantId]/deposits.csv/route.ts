import { listDeposits } from "@/db/queries/reconciliation";
import { merchantRoute } from "@/lib/auth/route";
import { csvResponse } from "@/lib/csv";
import { centsToDecimalString } from "@/lib/money";
import { depositFiltersSchema } from "@/lib/validations/reconciliation";

export const dynamic = "force-dynamic";

/** Deposits of a period for accounting: one line per deposit line, traced to its batch and transaction. */
export const GET = merchantRoute("reports:export", async (req, ctx) => {
  const f = depositFiltersSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const { rows } = await listDeposits({
    merchantId: ctx.merchant.id,
    from: f.from,
    to: f.to,
    status: f.status,
    limit: 50_000,
  });
  return csvResponse(
    `deposits-${f.from ?? "all"}-${f.to ?? "all"}.csv`,
    ["deposit_id", "deposit_date", "status", "expected", "deposited", "line", "amount", "transaction_id", "batch_id"],
    rows.flatMap((d) =>
      d.lines.map((l) => [
        d.providerId,
        d.depositDate,
        d.status,
        centsToDecimalString(d.expected),
        centsToDecimalString(d.funded),
        l.label,
        centsToDecimalString(l.amount),
        l.transactionId ?? "",
        l.batchId ?? "",
      ]),
    ),
  );
});
