import Link from "next/link";
import { notFound } from "next/navigation";
import { describeCadence, describeEnd, formatDay, nextPayment } from "@/components/billing-plans/format";
import { CancelPlanButton, PaymentActions } from "@/components/billing-plans/plan-actions";
import { BillingStatusBadge } from "@/components/billing-plans/status-badge";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { type Column, Table } from "@/components/ui/table";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import { CoPilotNotFound } from "@/lib/copilot";
import { formatMoney, sumCents } from "@/lib/money";
import { type BillingPlanRow, billingPageError, getBillingPlanDetail } from "@/lib/services/billing-plans";

export default async function BillingPlanPage(props: MerchantPageProps<{ planId: string }>) {
  const {
    ctx,
    params: { planId },
    query: sp,
  } = await merchantPage(props);
  if (!/^\d{1,18}$/.test(planId)) notFound();
  const base = `/m/${ctx.merchant.id}/recurring/billing-plans`;
  const back = (
    <Link href={base} className="text-sm text-brand-700 hover:underline">
      ← Billing plans
    </Link>
  );
  let plan: BillingPlanRow;
  try {
    plan = await getBillingPlanDetail(ctx, planId);
  } catch (err) {
    if (err instanceof CoPilotNotFound) notFound();
    const message = billingPageError(err);
    if (!message) throw err;
    return (
      <div className="space-y-4">
        {back}
        <Alert tone="warning" title="This billing plan cannot be loaded right now">
          {message}
        </Alert>
      </div>
    );
  }
  const canEdit = merchantRoleCan(ctx.role, "recurring:edit");
  const payments = plan.payments ?? [];
  const next = nextPayment(plan.payments);
  const collected = sumCents(payments.filter((p) => p.status === "paid").map((p) => p.paidCents ?? p.scheduledCents));
  const remaining = payments.filter((p) => p.status === "scheduled");
  const columns: Column<(typeof payments)[number]>[] = [
    {
      key: "n",
      header: "#",
      className: "tabular-nums text-slate-500",
      cell: (p) => payments.indexOf(p) + 1,
    },
    {
      key: "date",
      header: "Date",
      className: "whitespace-nowrap text-slate-800",
      cell: (p) => formatDay(p.scheduledDate),
    },
    {
      key: "amount",
      header: "Amount",
      align: "right",
      className: "text-slate-900",
      cell: (p) => formatMoney(p.scheduledCents),
    },
    { key: "status", header: "Status", cell: (p) => <BillingStatusBadge kind="payment" status={p.status} /> },
    {
      key: "paid",
      header: "Paid",
      className: "text-xs text-slate-600",
      cell: (p) =>
        p.status === "paid"
          ? `${formatMoney(p.paidCents ?? p.scheduledCents)} on ${formatDay(p.paidDate)}${p.retref ? ` · ref ${p.retref}` : ""}`
          : "—",
    },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      className: "text-right",
      cell: (p) =>
        canEdit && plan.status === "active" ? (
          <PaymentActions
            merchantId={ctx.merchant.id}
            planId={plan.id}
            payment={{
              id: p.id,
              label: `${formatDay(p.scheduledDate)} · ${formatMoney(p.scheduledCents)}`,
              status: p.status,
            }}
          />
        ) : null,
    },
  ];

  return (
    <div className="space-y-5">
      {back}
      {sp.cancelled && plan.status === "cancelled" ? (
        <Alert tone="success" title="Billing plan cancelled">
          CoPilot will not charge {plan.customerName ?? "the customer"} on this plan again.
        </Alert>
      ) : null}
      {sp.created ? (
        <Alert tone="success" title="Billing plan created">
          CoPilot will charge {plan.customerName ?? "the customer"} {formatMoney(plan.amountCents)}{" "}
          {describeCadence(plan).toLowerCase()}, starting {formatDay(plan.startDate)}.
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 className="flex items-center gap-3 text-xl font-semibold text-slate-900">
            {plan.name} <BillingStatusBadge kind="plan" status={plan.status} />
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Plan #{plan.id} · CardPointe MID {plan.merchId}
          </p>
        </div>
        {canEdit && plan.status === "active" ? (
          <CancelPlanButton merchantId={ctx.merchant.id} planId={plan.id} remaining={remaining.length} />
        ) : null}
      </div>

      <dl className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Amount</dt>
          <dd className="mt-1 text-lg font-semibold tabular-nums text-slate-900">{formatMoney(plan.amountCents)}</dd>
          <dd className="text-xs text-slate-500">{describeCadence(plan)}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Customer</dt>
          <dd className="mt-1 text-sm">
            <Link
              href={`/m/${ctx.merchant.id}/customers/${encodeURIComponent(plan.profileId)}`}
              className="font-medium text-brand-700 hover:underline"
            >
              {plan.customerName ?? plan.profileId}
            </Link>
          </dd>
          <dd className="text-xs text-slate-500">Account {plan.acctId}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Runs</dt>
          <dd className="mt-1 text-sm text-slate-900">From {formatDay(plan.startDate)}</dd>
          <dd className="text-xs text-slate-500">{describeEnd(plan.until)}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Next payment</dt>
          <dd className="mt-1 text-sm text-slate-900">
            {next ? `${formatDay(next.scheduledDate)} · ${formatMoney(next.scheduledCents)}` : "None scheduled"}
          </dd>
          <dd className="text-xs text-slate-500">
            {formatMoney(collected)} collected · receipts {plan.emailReceipt ? "emailed" : "off"}
          </dd>
        </div>
      </dl>

      <Card
        title="Schedule"
        description={`${payments.length} payment${payments.length === 1 ? "" : "s"} from CoPilot${
          plan.until.kind === "cancelled" ? " (a year ahead for plans that run until cancelled)" : ""
        }. CoPilot collects each one on its date; mark a payment paid when it was collected another way.`}
      >
        {payments.length === 0 ? (
          <p className="text-sm text-slate-600">CoPilot has no payments on this plan&apos;s schedule.</p>
        ) : (
          <Table
            variant="bleed"
            region="Payment schedule"
            className="-mx-5 -my-4 max-h-[32rem] overflow-auto"
            stickyHeader
            caption="Payment schedule"
            columns={columns}
            rows={payments}
            rowKey={(p) => p.id}
            rowData={(p) => ({ "data-payment": p.id })}
          />
        )}
      </Card>
    </div>
  );
}
