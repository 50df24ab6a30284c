import Link from "next/link";
import { notFound } from "next/navigation";
import { addressBlock, formatDueDate } from "@/components/invoices/format";
import { InvoiceActions } from "@/components/invoices/invoice-actions";
import { PayLink } from "@/components/invoices/pay-link";
import { DeliveryStatus } from "@/components/mail/delivery-status";
import { ItemsTable } from "@/components/invoices/items-table";
import { InvoiceStateBadge } from "@/components/invoices/status-badge";
import { TotalsTable } from "@/components/invoices/totals-table";
import { formatDateTime, methodSummary } from "@/components/transactions/format";
import { StatusBadge } from "@/components/transactions/status-badge";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { type Column, Table } from "@/components/ui/table";
import { getInvoiceRow, listInvoicePayments, listLocalPayments } from "@/db/queries/invoices";
import { listSentMessages } from "@/db/queries/mail";
import { listOutbox } from "@/db/queries/outbox";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import { formatMoney, thousandthsToPercentString, percentStringToThousandths } from "@/lib/money";
import { TEMPLATE_LABELS } from "@/lib/mail/templates";
import { currentPayLink } from "@/lib/services/invoices/links";
import { deletable, editable, isOverdue, markable, sendable, voidable } from "@/lib/services/invoices/rules";
import type { SendChannel } from "@/lib/validations/invoices";
import { OneTimeNotice } from "@/components/ui/one-time-notice";

export const metadata = { title: "Invoice" };

function AddressCard({ title, lines }: { title: string; lines: string[] }) {
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {lines.length ? (
        <address className="mt-1 text-sm not-italic leading-6 text-slate-800">
          {lines.map((l, i) => (
            <div key={i}>{l}</div>
          ))}
        </address>
      ) : (
        <p className="mt-1 text-sm text-slate-500">—</p>
      )}
    </div>
  );
}

type InvoicePayment = Awaited<ReturnType<typeof listInvoicePayments>>[number];

function paymentColumns(merchantId: string): Column<InvoicePayment>[] {
  const link = "font-mono text-xs text-brand-700 hover:underline";
  return [
    {
      key: "transaction",
      header: "Transaction",
      cell: (p) => (
        <>
          <Link href={`/m/${merchantId}/transactions/${encodeURIComponent(p.id)}`} className={link}>
            {p.id}
          </Link>
          <div className="text-xs text-slate-500">{formatDateTime(p.createdAt)}</div>
        </>
      ),
    },
    { key: "method", header: "Method", className: "text-slate-700", cell: (p) => methodSummary(p) },
    { key: "status", header: "Status", cell: (p) => <StatusBadge status={p.status} /> },
    {
      key: "batch",
      header: "Batch",
      className: "text-slate-700",
      cell: (p) =>
        p.batchId ? (
          <Link href={`/m/${merchantId}/settlements/${encodeURIComponent(p.batchId)}`} className={link}>
            {p.batchId}
          </Link>
        ) : (
          <span className="text-xs text-slate-500">Not settled yet</span>
        ),
    },
    {
      key: "amount",
      header: "Amount",
      align: "right",
      cell: (p) => (
        <>
          {formatMoney(p.amount, p.currency)}
          {p.surcharge > 0 ? (
            <div className="text-xs text-slate-500">incl. {formatMoney(p.surcharge, p.currency)} surcharge</div>
          ) : null}
        </>
      ),
    },
  ];
}

export default async function InvoicePage(props: MerchantPageProps<{ invoiceId: string }>) {
  const {
    ctx,
    params: { invoiceId: rawId },
    query: sp,
  } = await merchantPage(props);
  const id = ctx.merchant.id;
  const invoiceId = decodeURIComponent(rawId);
  const canSeeMessages = merchantRoleCan(ctx.role, "audit:view");
  const [row, payments, emails, texts, ledger, payLink] = await Promise.all([
    getInvoiceRow({ merchantId: id, invoiceId }),
    listInvoicePayments({ merchantId: id, invoiceId }),
    canSeeMessages
      ? listSentMessages({ merchantId: id, reference: invoiceId, pageSize: 20 })
      : Promise.resolve({ items: [], total: 0 }),
    listOutbox({ merchantId: id, reference: invoiceId, pageSize: 20 }),
    listLocalPayments({ merchantId: id, invoiceId }),
    currentPayLink({ merchantId: id, invoiceId }),
  ]);
  const deliveries = [
    ...emails.items.map((m) => ({
      id: m.id,
      channel: "email" as const,
      to: m.to,
      at: m.createdAt,
      what: TEMPLATE_LABELS[m.template as keyof typeof TEMPLATE_LABELS] ?? m.template,
      status: m.status as string | null,
    })),
    ...texts.items
      .filter((m) => m.channel === "text")
      .map((m) => ({ id: m.id, channel: "text" as const, to: m.to, at: m.createdAt, what: "Text", status: null })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  // Local invoices: attempts whose gateway answer is not known yet (reconciliation settles them).
  const inFlight = ledger.filter((p) => p.status === "pending" || p.status === "unknown");
  if (!row) notFound();
  const doc = row.document;
  const canEdit = merchantRoleCan(ctx.role, "invoices:edit");
  const overdue = isOverdue(row);
  const taxPct = doc.taxPercent ? percentStringToThousandths(doc.taxPercent) : 0;
  const taxLabel = taxPct ? `Tax (${thousandthsToPercentString(taxPct).replace(/\.?0+$/, "")}%)` : "Tax";
  const can = {
    send: canEdit && row.state === "draft" && sendable(row).ok,
    resend: canEdit && row.state !== "draft" && sendable(row).ok,
    markPaid: canEdit && markable(row).ok,
    void: canEdit && voidable(row).ok,
    delete: canEdit && deletable(row).ok,
  };
  const base = `/m/${id}/invoices`;

  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {row.number ? `Invoice #${row.number}` : "Invoice"}
            <InvoiceStateBadge state={row.state} overdue={overdue} />
          </span>
        }
        description={`${row.customerName ?? "No customer name"} · due ${formatDueDate(row.dueAt)}`}
        back={
          <Link href={base} className="text-brand-700 hover:underline">
            ← Invoices
          </Link>
        }
        actions={
          canEdit && editable(row).ok ? (
            <LinkButton variant="secondary" href={`${base}/${encodeURIComponent(row.id)}/edit`}>
              Edit
            </LinkButton>
          ) : null
        }
      />
      {sp.voided ? (
        <div className="mb-4">
          <OneTimeNotice param="voided">The invoice is void; its pay links no longer work.</OneTimeNotice>
        </div>
      ) : null}
      {sp.saved ? (
        <div className="mb-4">
          <OneTimeNotice param="saved">
            Invoice saved{row.sentAt && deliveries.length ? " and sent" : ""}.
          </OneTimeNotice>
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          <Card title="Items">
            <ItemsTable items={doc.items} currency={row.currency} />
            <div className="mt-4 ml-auto max-w-xs">
              <TotalsTable totals={row} currency={row.currency} taxLabel={taxLabel} />
            </div>
            {doc.message ? (
              <p className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">{doc.message}</p>
            ) : null}
          </Card>

          <Card
            title="Payments"
            description={
              row.source === "local"
                ? "Charged by the portal through the gateway; each links to its transaction."
                : "From the transactions the gateway recorded against this invoice."
            }
          >
            {inFlight.length ? (
              <div className="mb-3">
                <Alert tone="info">
                  {inFlight.length === 1 ? "A card payment" : `${inFlight.length} card payments`} of{" "}
                  {formatMoney(
                    inFlight.reduce((s, p) => s + p.amount, 0),
                    row.currency,
                  )}{" "}
                  {inFlight.length === 1 ? "is" : "are"} being confirmed with the gateway; the amount is held until
                  then.
                </Alert>
              </div>
            ) : null}
            {payments.length === 0 ? (
              <p className="text-sm text-slate-500">
                {row.paidOutsideMethod
                  ? `Marked as paid by ${row.paidOutsideMethod}${row.paidOutsideNote ? ` — ${row.paidOutsideNote}` : ""}.`
                  : "No payments yet."}
              </p>
            ) : (
              <Table
                variant="inset"
                caption="Payments of this invoice"
                columns={paymentColumns(id)}
                rows={payments}
                rowKey={(p) => p.id}
                rowData={() => ({ "data-testid": "invoice-payment" })}
              />
            )}
          </Card>

          <Card
            title="Deliveries"
            description={
              canSeeMessages
                ? "Emails for this invoice and whether the customer's mail server took them; texts are recorded only (no SMS provider)."
                : "When the invoice was sent."
            }
          >
            {!canSeeMessages ? (
              <p className="text-sm text-slate-600">
                {row.sentAt ? `Sent ${formatDateTime(row.sentAt)}.` : "Not sent yet."}
              </p>
            ) : deliveries.length === 0 ? (
              <p className="text-sm text-slate-500">Not sent yet.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm" data-testid="invoice-deliveries">
                {deliveries.map((m) => (
                  <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>
                      {m.what} to <span className="font-medium">{m.to}</span>
                    </span>
                    <span className="flex items-center gap-2 text-xs text-slate-500">
                      {m.status ? <DeliveryStatus status={m.status} /> : <span>Recorded, not delivered</span>}
                      {formatDateTime(m.at)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>

        <aside className="space-y-6">
          <Card>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Amount due</p>
            <p className="mt-1 text-3xl font-semibold tabular-nums text-slate-900" data-testid="amount-due">
              {row.state === "void" ? "—" : formatMoney(row.amountDue, row.currency)}
            </p>
            <p className="mt-1 text-sm text-slate-600">
              of {formatMoney(row.total, row.currency)}
              {row.amountPaid ? ` · ${formatMoney(row.amountPaid, row.currency)} paid` : ""}
            </p>
            <dl className="mt-4 grid grid-cols-2 gap-3 text-sm">
              <div>
                <dt className="text-xs text-slate-500">Due</dt>
                <dd className={overdue ? "text-red-700" : ""}>{formatDueDate(row.dueAt)}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Charge as</dt>
                <dd>{row.transactionType === "authorize" ? "Authorization" : "Sale"}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Pay by</dt>
                <dd>{row.paymentMethods.map((m) => (m === "ach" ? "Bank (ACH)" : "Card")).join(", ") || "—"}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Partial payments</dt>
                <dd>{row.allowPartialPayment ? "Allowed" : "Not allowed"}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Sent</dt>
                <dd>{row.sentAt ? formatDateTime(row.sentAt) : "Not yet"}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">
                  {row.source === "local" ? "Portal invoice id" : "Gateway id"}
                </dt>
                <dd className="truncate font-mono text-xs" title={row.id}>
                  {row.id}
                </dd>
              </div>
            </dl>
            {canEdit && (can.send || can.resend || can.markPaid || can.void || can.delete) ? (
              <div className="mt-5 border-t border-slate-100 pt-4">
                <InvoiceActions
                  merchantId={id}
                  invoiceId={row.id}
                  can={can}
                  defaultChannel={(row.sendVia as SendChannel) ?? "email"}
                  amountDue={formatMoney(row.amountDue, row.currency)}
                />
              </div>
            ) : null}
          </Card>
          {row.state !== "void" && row.state !== "paid" ? (
            <Card title="Pay link">
              {payLink ? (
                <PayLink url={payLink.url} expires={formatDueDate(payLink.expiresAt)} />
              ) : (
                <p className="text-sm text-slate-600">
                  No pay link yet. Send the invoice, or choose &ldquo;Just make a link&rdquo; to share it yourself.
                </p>
              )}
            </Card>
          ) : null}
          <Card title="Addresses">
            <div className="grid gap-4">
              <AddressCard title="Bill to" lines={addressBlock(doc.billTo)} />
              <AddressCard title="Payable to" lines={addressBlock(doc.payableTo)} />
            </div>
          </Card>
        </aside>
      </div>
    </div>
  );
}
