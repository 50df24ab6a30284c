import { exportInvoices } from "@/db/queries/invoices";
import { merchantRoute } from "@/lib/auth/route";
import { csvResponse } from "@/lib/csv";
import { centsToDecimalString } from "@/lib/money";
import { invoiceFiltersSchema } from "@/lib/validations/invoices";

export const dynamic = "force-dynamic";

/** The whole filtered list (same URL parameters as the page), from the cache. */
export const GET = merchantRoute("reports:export", async (req, ctx) => {
  const f = invoiceFiltersSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const rows = await exportInvoices({
    merchantId: ctx.merchant.id,
    tab: f.tab,
    q: f.q,
    dueFrom: f.dueFrom,
    dueTo: f.dueTo,
  });
  return csvResponse(
    `invoices-${ctx.merchant.id}.csv`,
    [
      "invoice_id",
      "number",
      "state",
      "gateway_status",
      "customer",
      "email",
      "due_date",
      "tax",
      "shipping",
      "total",
      "amount_paid",
      "amount_due",
      "currency",
      "created_at",
    ],
    rows.map((r) => [
      r.id,
      r.number,
      r.state,
      r.status,
      r.customerName,
      r.customerEmail,
      r.dueAt ? r.dueAt.toISOString().slice(0, 10) : "",
      centsToDecimalString(r.tax, r.currency),
      centsToDecimalString(r.shipping, r.currency),
      centsToDecimalString(r.total, r.currency),
      centsToDecimalString(r.amountPaid, r.currency),
      centsToDecimalString(r.amountDue, r.currency),
      r.currency,
      r.createdAt.toISOString(),
    ]),
  );
});
