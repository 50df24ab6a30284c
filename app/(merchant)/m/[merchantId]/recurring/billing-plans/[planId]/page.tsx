import Link from "next/link";
import { notFound } from "next/navigation";
import { describeCadence, describeEnd, formatDay, nextPayment } from "@/components/billing-plans/format";
import { CancelPlanButton, PaymentActions } from "@/components/billing-plans/plan-actions";
import { BillingStatusBadge } from "@/components/billing-plans/status-badge";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { type MerchantPageProps, requireMerchantPage } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import { CoPilotNotFound } from "@/lib/copilot";
import { formatMoney, sumCents } from "@/lib/money";
import { type BillingPlanRow, billingPageError, getBillingPlanDetail } from "@/lib/services/billing-plans";

export default async function BillingPlanPage({ params, searchParams }: MerchantPageProps<{ planId: string }>) {
  const { merchantId, planId } = await params;
  const ctx = await requireMerchantPage(merchantId, "merchant:view");
  if (!/^\d{1,18}$/.test(planId)) notFound();
  const sp = await searchParams;
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
          <div
            className="-mx-5 -my-4 max-h-[32rem] overflow-auto focus-visible:outline-2 focus-visible:outline-brand-600"
            tabIndex={0}
            role="region"
            aria-label="Payment schedule"
          >
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="sticky top-0 bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-5 py-2.5">
                    #
                  </th>
                  <th scope="col" className="px-5 py-2.5">
                    Date
                  </th>
                  <th scope="col" className="px-5 py-2.5 text-right">
                    Amount
                  </th>
                  <th scope="col" className="px-5 py-2.5">
                    Status
                  </th>
                  <th scope="col" className="px-5 py-2.5">
                    Paid
                  </th>
                  <th scope="col" className="px-5 py-2.5">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {payments.map((p, i) => (
                  <tr key={p.id} data-payment={p.id}>
                    <td className="px-5 py-2.5 tabular-nums text-slate-500">{i + 1}</td>
                    <td className="px-5 py-2.5 whitespace-nowrap text-slate-800">{formatDay(p.scheduledDate)}</td>
                    <td className="px-5 py-2.5 text-right tabular-nums text-slate-900">
                      {formatMoney(p.scheduledCents)}
                    </td>
                    <td className="px-5 py-2.5">
                      <BillingStatusBadge kind="payment" status={p.status} />
                    </td>
                    <td className="px-5 py-2.5 text-xs text-slate-600">
                      {p.status === "paid"
                        ? `${formatMoney(p.paidCents ?? p.scheduledCents)} on ${formatDay(p.paidDate)}${
                            p.retref ? ` · ref ${p.retref}` : ""
                          }`
                        : "—"}
                    </td>
                    <td className="px-5 py-2.5 text-right">
                      {canEdit && plan.status === "active" ? (
                        <PaymentActions
                          merchantId={ctx.merchant.id}
                          planId={plan.id}
                          payment={{
                            id: p.id,
                            label: `${formatDay(p.scheduledDate)} · ${formatMoney(p.scheduledCents)}`,
                            status: p.status,
                          }}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
