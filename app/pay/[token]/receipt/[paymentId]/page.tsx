import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { InvoiceSheet } from "@/components/pay/invoice-sheet";
import { PrintButton } from "@/components/pay/print-button";
import { formatDateTime, methodSummary } from "@/components/transactions/format";
import { getInvoicePayment } from "@/db/queries/invoices";
import { clientIp } from "@/lib/auth/request";
import { formatMoney, thousandthsToPercentString } from "@/lib/money";
import { hashToken } from "@/lib/services/invoices/links";
import { loadPayPage } from "@/lib/services/invoices/pay-page";
import { allowView } from "@/lib/services/invoices/throttle";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Receipt" };

export default async function ReceiptPage({ params }: { params: Promise<{ token: string; paymentId: string }> }) {
  const { token, paymentId } = await params;
  const ip = clientIp(new Request("http://pay.local", { headers: await headers() }));
  if (!(await allowView(hashToken(token), ip))) notFound();
  const data = await loadPayPage(token);
  if (!data) notFound();
  const { row } = data;
  const payment = await getInvoicePayment({
    merchantId: row.merchantId,
    invoiceId: row.id,
    transactionId: decodeURIComponent(paymentId),
  });
  if (!payment || !payment.approved) notFound();

  return (
    <article className="space-y-4 print:space-y-6" aria-labelledby="receipt-title">
      <section className="rounded-xl bg-white p-6 shadow-sm print:p-0 print:shadow-none">
        <div className="flex items-start justify-between gap-4">
          <div>
            <p className="text-sm text-slate-500">{row.merchantName}</p>
            <h1 id="receipt-title" className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">
              Payment receipt
            </h1>
          </div>
          <span className="rounded-full bg-emerald-50 px-3 py-1 text-sm font-medium text-emerald-800 ring-1 ring-inset ring-emerald-600/20 print:ring-0">
            {payment.type === "authorize" ? "Authorized" : "Paid"}
          </span>
        </div>
        <p className="mt-5 text-4xl font-semibold tabular-nums text-slate-900" data-testid="receipt-amount">
          {formatMoney(payment.amount, payment.currency)}
        </p>
        <dl className="mt-5 grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">Date</dt>
            <dd className="text-slate-900">{formatDateTime(payment.createdAt)}</dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">Paid with</dt>
            <dd className="text-slate-900">{methodSummary(payment)}</dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">Invoice</dt>
            <dd className="text-slate-900">{row.number ? `#${row.number}` : row.id}</dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">Confirmation</dt>
            <dd className="font-mono text-xs text-slate-900" data-testid="receipt-confirmation">
              {payment.id}
              {payment.authCode ? ` · auth ${payment.authCode}` : ""}
            </dd>
          </div>
          {payment.surchargeAmount > 0 ? (
            <div>
              <dt className="text-xs uppercase tracking-wide text-slate-500">Of which</dt>
              <dd className="text-slate-900" data-testid="receipt-surcharge">
                {formatMoney(payment.amount - payment.surchargeAmount, payment.currency)} toward the invoice ·{" "}
                {formatMoney(payment.surchargeAmount, payment.currency)} card surcharge
                {payment.surchargeRate
                  ? ` (${thousandthsToPercentString(payment.surchargeRate).replace(/\.?0+$/, "")}%)`
                  : ""}
              </dd>
            </div>
          ) : null}
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">Remaining on the invoice</dt>
            <dd className="font-medium text-slate-900" data-testid="receipt-remaining">
              {formatMoney(row.amountDue, row.currency)}
            </dd>
          </div>
        </dl>
        <div className="mt-6 flex flex-wrap gap-3 print:hidden">
          <PrintButton />
          <Link
            href={`/pay/${token}`}
            className="inline-flex items-center rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            Back to the invoice
          </Link>
        </div>
      </section>
      <section
        aria-label="Invoice details"
        className="rounded-xl bg-white p-6 shadow-sm print:break-inside-avoid print:p-0 print:shadow-none"
      >
        <InvoiceSheet row={row} />
      </section>
      <p className="text-center text-xs text-slate-500">Keep this receipt for your records.</p>
    </article>
  );
}
