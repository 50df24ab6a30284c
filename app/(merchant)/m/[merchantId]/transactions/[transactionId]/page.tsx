import Link from "next/link";
import { CHANNEL_LABELS, channelOf } from "@/lib/sync/channel";
import { notFound } from "next/navigation";
import { formatDateTime, METHOD_LABELS, methodSummary, TYPE_LABELS } from "@/components/transactions/format";
import { StatusBadge } from "@/components/transactions/status-badge";
import { Timeline, type TimelineEvent } from "@/components/transactions/timeline";
import { TransactionActions } from "@/components/transactions/transaction-actions";
import { statusLabel } from "@/components/ui/status-badge";
import {
  getTransaction,
  listReferencingTransactions,
  listTransactionAudit,
  type TransactionDetailRow,
} from "@/db/queries/transactions";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { GatewayConfigError } from "@/lib/gateway";
import { isGatewayError } from "@/lib/gateway/errors";
import { avsResult, cvvResult } from "@/lib/gateway/verification-codes";
import { log } from "@/lib/log";
import { formatMoney } from "@/lib/money";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { fetchTransaction } from "@/lib/services/transactions/fetch";
import { refundableAmount } from "@/lib/services/transactions/refund";
import { reverseMethodFor } from "@/lib/services/transactions/reverse";
import { VOIDABLE } from "@/lib/services/transactions/void";
import { tipAdjustable } from "@/lib/services/transactions/tip";
import { signatureDataUrl } from "@/lib/signature-image";
import { ReceiptActions } from "@/components/transactions/receipt-actions";

export const metadata = { title: "Transaction" };

/** Who did it, in words: an audit row's actor label is a kind and a channel ("customer:pay-page"). */
function actorName(label: string | null): string {
  const names: Record<string, string> = {
    "customer:pay-page": "the customer, on the pay page",
    "webhook:fluidpay": "the gateway",
    "system:seed": "the demo setup",
  };
  return (label && names[label]) ?? "the system";
}

/**
 * Where a transaction came from, as a person would say it. The gateway records the portal's own sales as "api";
 * the audit log says whether the portal's virtual terminal ran it.
 */
function sourceLabel(t: TransactionDetailRow, audit: { action: string; targetId: string | null }[]): string {
  if (t.invoiceId) return "Invoice payment";
  if (t.subscriptionId) return "Subscription";
  if (t.methodKind === "terminal" || t.source === "terminal") return "Card terminal";
  if (audit.some((a) => a.targetId === t.id && a.action.startsWith("terminal."))) return "Card terminal";
  if (audit.some((a) => a.targetId === t.id && /^transaction\.(sale|authorize|credit|verification)$/.test(a.action)))
    return "Virtual terminal";
  const known: Record<string, string> = {
    api: "Gateway API",
    invoice: "Invoice payment",
    recurring: "Subscription",
    virtual_terminal: "Virtual terminal",
    file_batch: "File batch",
  };
  return (t.source && known[t.source]) ?? "Gateway";
}

const AUDIT_TITLES: Record<string, string> = {
  "transaction.sale": "Sale run in the portal",
  "transaction.authorize": "Authorization run in the portal",
  "transaction.credit": "Credit issued in the portal",
  "transaction.verification": "Card verified in the portal",
  "invoice.payment.approved": "Invoice payment approved",
  "invoice.payment.declined": "Invoice payment declined",
  "transaction.capture": "Captured",
  "transaction.void": "Voided",
  "transaction.refund": "Refund issued",
  "transaction.reverse": "Reversed",
  "transaction.tip": "Tip added",
  "transaction.signature": "Signature captured on the terminal",
  "transaction.receipt_emailed": "Receipt emailed",
  "terminal.sale": "Sent to terminal",
  "terminal.authorize": "Sent to terminal",
};

/** States a transaction can still leave (capture, settlement, refunds, terminal resolution). */
const CHANGEABLE = new Set(["pending", "authorized", "pending_settlement", "settled", "partially_refunded", "unknown"]);

/**
 * The cache row, refreshed from the gateway (the source of truth) while its status can still change, so the
 * actions offered match what the gateway will accept; an id the sync has not seen yet is fetched and cached.
 * When the gateway cannot be reached the cached row is shown as it is.
 */
async function loadTransaction(
  merchantId: string,
  transactionId: string,
): Promise<{ row: TransactionDetailRow | null; fresh: boolean }> {
  const cached = await getTransaction({ merchantId, transactionId });
  if (cached && !CHANGEABLE.has(cached.status)) return { row: cached, fresh: true };
  try {
    const fetched = await fetchTransaction(merchantId, transactionId);
    if (!fetched) return { row: cached, fresh: false };
  } catch (err) {
    // No gateway connected (CardPointe until its adapter lands): the cache is all there is.
    if (err instanceof GatewayConfigError || err instanceof UserError) return { row: cached, fresh: true };
    if (isGatewayError(err)) {
      log().warn({ err, merchantId }, "transaction not refreshed from the gateway");
      return { row: cached, fresh: false };
    }
    throw err;
  }
  return { row: await getTransaction({ merchantId, transactionId }), fresh: true };
}

async function gatewayAvailable(merchantId: string): Promise<boolean> {
  try {
    await gatewayForMerchant(merchantId);
    return true;
  } catch (err) {
    if (err instanceof GatewayConfigError || err instanceof UserError) return false;
    throw err;
  }
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-2 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right font-medium text-slate-900">{children}</dd>
    </div>
  );
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-label={title}>
      <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
      {children}
    </section>
  );
}

export default async function TransactionDetailPage(props: MerchantPageProps<{ transactionId: string }>) {
  const {
    ctx,
    params: { transactionId: rawId },
  } = await merchantPage(props);
  const transactionId = decodeURIComponent(rawId);
  const { row: t, fresh } = await loadTransaction(ctx.merchant.id, transactionId);
  if (!t) notFound();
  const base = `/m/${ctx.merchant.id}`;
  const refunds = await listReferencingTransactions({ merchantId: ctx.merchant.id, transactionId: t.id });
  const audit = await listTransactionAudit({
    merchantId: ctx.merchant.id,
    transactionIds: [t.id, ...refunds.map((r) => r.id)],
  });
  const money = (c: number) => formatMoney(c, t.currency);
  const avs = avsResult(t.avsCode);
  const cvv = cvvResult(t.cvvCode);

  const events: TimelineEvent[] = [
    {
      at: t.createdAt,
      title: `${TYPE_LABELS[t.type] ?? t.type} ${t.approved ? "approved" : t.status === "pending" ? "started" : "declined"} · ${money(t.amount)}`,
      detail: [t.responseText, t.authCode ? `auth code ${t.authCode}` : null].filter(Boolean).join(" · ") || null,
      tone: t.approved ? "good" : t.status === "pending" ? "info" : "bad",
    },
  ];
  if (t.settledAt) {
    events.push({
      at: t.settledAt,
      title: `Settled · ${money(t.settledAmount)}`,
      detail: t.batchId ? `Batch ${t.batchId}` : null,
      tone: "good",
    });
  }
  for (const r of refunds) {
    events.push({
      at: r.createdAt,
      title: `${TYPE_LABELS[r.type] ?? r.type} · ${money(r.amount)} (${r.status.replace(/_/g, " ")})`,
      detail: r.responseText,
      href: `${base}/transactions/${encodeURIComponent(r.id)}`,
      tone: r.approved ? "info" : "bad",
    });
  }
  for (const a of audit) {
    const after = (a.after ?? {}) as {
      via?: string;
      refundAmount?: number;
      requestedAmount?: number;
      tipAmount?: number;
    };
    const what = AUDIT_TITLES[a.action] ?? a.action;
    const amount = after.tipAmount ?? after.refundAmount ?? after.requestedAmount;
    events.push({
      at: a.at,
      title: `${what}${after.via ? ` (by ${after.via})` : ""}${amount ? ` · ${money(amount)}` : ""}${
        a.targetId !== t.id ? " on a follow-up transaction" : ""
      }`,
      detail: `by ${a.actorEmail ?? actorName(a.actorLabel)}`,
      tone: "neutral",
    });
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());

  const canAct = await gatewayAvailable(ctx.merchant.id);
  const signatureUrl = signatureDataUrl(t.signature);
  const refundable = refundableAmount(t);
  const reversible = t.type === "refund" ? (VOIDABLE.has(t.status) ? "void" : null) : reverseMethodFor(t.status);
  const available = {
    capture: merchantRoleCan(ctx.role, "transactions:capture") && t.type === "authorize" && t.status === "authorized",
    tip: merchantRoleCan(ctx.role, "transactions:capture") && tipAdjustable(t),
    void: merchantRoleCan(ctx.role, "transactions:void") && VOIDABLE.has(t.status),
    refund:
      merchantRoleCan(ctx.role, "transactions:refund") &&
      t.type !== "refund" &&
      t.type !== "credit" &&
      reverseMethodFor(t.status) === "refund" &&
      refundable > 0,
    reverse:
      merchantRoleCan(ctx.role, "transactions:refund") &&
      merchantRoleCan(ctx.role, "transactions:void") &&
      (reversible === "void" || (reversible === "refund" && refundable > 0))
        ? reversible
        : null,
  };

  return (
    <section className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`${base}/transactions`} className="text-brand-700 hover:underline">
          ← Transactions
        </Link>
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            {TYPE_LABELS[t.type] ?? t.type} · {methodSummary(t)}
          </p>
          <h1 className="mt-1 flex items-center gap-3 text-3xl font-semibold tabular-nums text-slate-900">
            {money(t.amount)}
            <StatusBadge status={t.status} />
          </h1>
          <p className="mt-1 font-mono text-xs text-slate-500">
            {t.id} · {formatDateTime(t.createdAt)}
          </p>
          {!fresh && (
            <p className="mt-1 text-xs text-amber-700">
              Shown as last synced ({formatDateTime(t.syncedAt)}); the gateway could not be reached just now.
            </p>
          )}
        </div>
      </header>

      <Card title="Actions">
        {!canAct ? (
          <p className="text-sm text-slate-600">
            Capture, void and refund are not available for this merchant yet: its gateway (
            {t.family === "cardpointe" ? "CardPointe" : t.family}) is not connected to the portal.
          </p>
        ) : (
          <TransactionActions
            merchantId={ctx.merchant.id}
            transactionId={t.id}
            currency={t.currency}
            available={available}
            authorizedAmount={t.authorizedAmount}
            refundable={refundable}
            staffRefundLimit={ctx.role === "merchant_staff" ? env().STAFF_REFUND_LIMIT_CENTS : null}
            none={
              <p className="text-sm text-slate-600">
                No actions for a {statusLabel("transaction", t.status).toLowerCase()}{" "}
                {TYPE_LABELS[t.type]?.toLowerCase() ?? t.type}.
                {t.status === "authorized" || t.status === "pending_settlement"
                  ? " It can be voided until the batch closes."
                  : ""}
              </p>
            }
          />
        )}
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Amounts">
          <dl className="divide-y divide-slate-100">
            <Row label="Amount">{money(t.amount)}</Row>
            <Row label="Authorized">{money(t.authorizedAmount)}</Row>
            <Row label="Captured">{money(t.capturedAmount)}</Row>
            <Row label="Settled">{money(t.settledAmount)}</Row>
            <Row label="Refunded">{money(t.refundedAmount)}</Row>
            {t.taxAmount > 0 && <Row label="Tax">{money(t.taxAmount)}</Row>}
            {t.shippingAmount > 0 && <Row label="Shipping">{money(t.shippingAmount)}</Row>}
            {t.tipAmount > 0 && <Row label="Tip">{money(t.tipAmount)}</Row>}
            {t.surchargeAmount > 0 && <Row label="Surcharge">{money(t.surchargeAmount)}</Row>}
          </dl>
        </Card>

        <Card title="Payment method">
          <dl className="divide-y divide-slate-100">
            <Row label="Method">{METHOD_LABELS[t.methodKind] ?? t.methodKind}</Row>
            <Row label={t.methodKind === "ach" ? "Account" : "Card"}>{methodSummary(t)}</Row>
            {t.entryType && <Row label="Entry">{t.entryType}</Row>}
            <Row label="Address check (AVS)">{avs ? `${avs.description} (${avs.code})` : "Not checked"}</Row>
            <Row label="Security code (CVV)">{cvv ? `${cvv.description} (${cvv.code})` : "Not checked"}</Row>
            <Row label="Response">
              {t.responseText ?? "—"}
              {t.responseCode !== null ? ` (${t.responseCode})` : ""}
            </Row>
            {t.authCode && <Row label="Auth code">{t.authCode}</Row>}
          </dl>
        </Card>

        <Card title="Details">
          <dl className="divide-y divide-slate-100">
            <Row label="Customer">
              {t.customerId ? (
                <Link
                  href={`${base}/customers/${encodeURIComponent(t.customerId)}`}
                  className="text-brand-700 hover:underline"
                >
                  {t.customerName ?? "Saved customer"}
                </Link>
              ) : t.billToName ? (
                t.billToName
              ) : (
                "—"
              )}
            </Row>
            {t.invoiceId && (
              <Row label="Invoice">
                <Link
                  href={`${base}/invoices/${encodeURIComponent(t.invoiceId)}`}
                  className="text-brand-700 hover:underline"
                >
                  {t.invoiceNumber ? `Invoice #${t.invoiceNumber}` : "Open the invoice"}
                </Link>
              </Row>
            )}
            {t.subscriptionId && (
              <Row label="Subscription">
                <Link
                  href={`${base}/recurring/subscriptions/${encodeURIComponent(t.subscriptionId)}`}
                  className="text-brand-700 hover:underline"
                >
                  Open the subscription
                </Link>
              </Row>
            )}
            {t.referencedTransactionId && (
              <Row label="Refund of">
                <Link
                  href={`${base}/transactions/${encodeURIComponent(t.referencedTransactionId)}`}
                  className="text-brand-700 hover:underline"
                >
                  {t.referencedTransactionId}
                </Link>
              </Row>
            )}
            <Row label="Batch">{t.batchId ?? "Not settled yet"}</Row>
            {t.invoiceNumber ? null : <Row label="Order id">{t.orderId ?? "—"}</Row>}
            {t.poNumber && <Row label="PO number">{t.poNumber}</Row>}
            {t.description && <Row label="Description">{t.description}</Row>}
            <Row label="Source">{sourceLabel(t, audit)}</Row>
            <Row label="Channel">{CHANNEL_LABELS[channelOf(t)]}</Row>
          </dl>
        </Card>

        <Card title="Receipt">
          <ReceiptActions
            merchantId={ctx.merchant.id}
            transactionId={t.id}
            printHref={`${base}/transactions/${encodeURIComponent(t.id)}/receipt`}
          />
        </Card>

        {signatureUrl && (
          <Card title="Signature">
            {/* A data: URL of the image the gateway stored (never card data); CSP allows data: images. */}
            <img
              src={signatureUrl}
              alt="Customer signature"
              className="h-28 max-w-full rounded border border-slate-200 bg-white object-contain [image-rendering:pixelated]"
            />
          </Card>
        )}

        <Card title="Timeline">
          <Timeline events={events} />
        </Card>
      </div>
    </section>
  );
}
