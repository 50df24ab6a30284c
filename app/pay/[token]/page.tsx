import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { InvoiceStateBadge } from "@/components/invoices/status-badge";
import { InvoiceSheet } from "@/components/pay/invoice-sheet";
import { PayForm } from "@/components/pay/pay-form";
import { clientIp } from "@/lib/auth/request";
import { formatMoney } from "@/lib/money";
import { hashToken } from "@/lib/services/invoices/links";
import { loadPayPage } from "@/lib/services/invoices/pay-page";
import { allowView } from "@/lib/services/invoices/throttle";
import { cn } from "@/components/ui/cn";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Pay your invoice" };

export default async function PayPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ip = clientIp(new Request("http://pay.local", { headers: await headers() }));
  if (!(await allowView(hashToken(token), ip))) {
    return (
      <div className="rounded-xl bg-white px-6 py-12 text-center shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">Too many requests</h1>
        <p className="mt-2 text-sm text-slate-600">Please wait a few minutes and open the link again.</p>
      </div>
    );
  }
  const data = await loadPayPage(token);
  if (!data) notFound();
  const { row, state, tokenizer, surchargeRate, notice } = data;
  const paid = state === "paid";
  const voided = state === "void";

  return (
    <div className="space-y-4">
      <header className="px-1">
        <p className="text-sm text-slate-600">Invoice from</p>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{row.merchantName}</h1>
      </header>

      <section
        aria-labelledby="due-title"
        className={cn("rounded-xl p-5 shadow-sm", paid ? "bg-emerald-50 ring-1 ring-emerald-200" : "bg-white")}
      >
        <div className="flex items-start justify-between gap-3">
          <div>
            <p id="due-title" className="text-sm text-slate-600">
              {paid ? "Paid in full" : voided ? "Cancelled" : "Amount due"}
            </p>
            <p
              className="mt-1 text-4xl font-semibold tabular-nums tracking-tight text-slate-900"
              data-testid="amount-due"
            >
              {formatMoney(paid ? row.total : row.amountDue, row.currency)}
            </p>
            {row.amountPaid > 0 && !paid ? (
              <p className="mt-1 text-sm text-slate-600">
                {formatMoney(row.amountPaid, row.currency)} of {formatMoney(row.total, row.currency)} already paid
              </p>
            ) : null}
          </div>
          <InvoiceStateBadge state={state === "draft" ? "open" : state} />
        </div>

        {paid ? (
          <p className="mt-4 text-sm text-emerald-900" role="status">
            This invoice is paid. Thank you! There is nothing more to pay.
          </p>
        ) : voided ? (
          <p className="mt-4 text-sm text-slate-700" role="status">
            {row.merchantName} cancelled this invoice. Nothing is due.
          </p>
        ) : tokenizer ? (
          <div className="mt-5 space-y-4">
            {notice ? (
              <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" role="note">
                {notice}
              </p>
            ) : null}
            <PayForm
              token={token}
              attemptId={randomUUID()}
              amountDue={row.amountDue}
              allowPartial={row.allowPartialPayment}
              currency={row.currency}
              merchantName={row.merchantName}
              tokenizer={tokenizer}
              surchargeRate={surchargeRate}
            />
          </div>
        ) : (
          <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
            {notice ??
              `Online payment is not available for this invoice right now. Please contact ${row.merchantName}.`}
          </p>
        )}
      </section>

      <section aria-label="Invoice details" className="rounded-xl bg-white p-5 shadow-sm">
        <InvoiceSheet row={row} />
      </section>
      <p className="px-1 text-center text-xs text-slate-600">
        Questions about this invoice? Reply to the message it came with or contact {row.merchantName}.
      </p>
    </div>
  );
}
