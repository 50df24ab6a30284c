import Link from "next/link";
import { attachedItem } from "@/components/recurring/catalog";
import { describeDuration, describeSchedule, describeStep, priceSteps } from "@/components/recurring/format";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMerchantPage } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import type { Plan } from "@/lib/gateway/types";
import { formatMoney } from "@/lib/money";
import { recurringGateway } from "@/lib/services/recurring/shared";

function steps(plan: Plan) {
  return priceSteps({
    amount: plan.amount,
    addOns: plan.addOns.map((a) => attachedItem(a, [])),
    discounts: plan.discounts.map((d) => attachedItem(d, [])),
  });
}

export default async function PlansPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const ctx = await requireMerchantPage(merchantId, "merchant:view");
  const base = `/m/${ctx.merchant.id}/recurring`;
  const plans = (await (await recurringGateway(ctx.merchant.id)).recurring.plans.list()).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const canEdit = merchantRoleCan(ctx.role, "recurring:edit");
  const create = canEdit ? <LinkButton href={`${base}/plans/new`}>New plan</LinkButton> : null;
  if (plans.length === 0) {
    return (
      <EmptyState title="No plans yet" action={create}>
        A plan bundles an amount, a billing schedule and its add-ons and discounts, so subscribing a customer takes one
        click.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-slate-600">
          {plans.length} plan{plans.length === 1 ? "" : "s"}
        </p>
        {create}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">
                Plan
              </th>
              <th scope="col" className="px-4 py-3">
                Schedule
              </th>
              <th scope="col" className="px-4 py-3 text-right">
                Amount
              </th>
              <th scope="col" className="px-4 py-3">
                Price per cycle
              </th>
              <th scope="col" className="px-4 py-3">
                Runs
              </th>
              <th scope="col" className="px-4 py-3">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {plans.map((p) => (
              <tr key={p.id} className="align-top hover:bg-slate-50">
                <td className="px-4 py-3">
                  {canEdit ? (
                    <Link
                      href={`${base}/plans/${encodeURIComponent(p.id)}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {p.name}
                    </Link>
                  ) : (
                    <span className="font-medium text-slate-900">{p.name}</span>
                  )}
                  <p className="text-xs text-slate-500">
                    {p.addOns.length} add-on{p.addOns.length === 1 ? "" : "s"} · {p.discounts.length} discount
                    {p.discounts.length === 1 ? "" : "s"}
                  </p>
                </td>
                <td className="px-4 py-3 text-slate-700">{describeSchedule(p)}</td>
                <td className="px-4 py-3 text-right tabular-nums">{formatMoney(p.amount)}</td>
                <td className="px-4 py-3">
                  <ul className="space-y-0.5">
                    {steps(p).map((s) => (
                      <li key={s.from} className="flex justify-between gap-4 tabular-nums">
                        <span className="text-slate-500">{describeStep(s)}</span>
                        <span className="font-medium text-slate-900">{formatMoney(s.amount)}</span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="px-4 py-3 text-slate-700">{describeDuration(p.duration)}</td>
                <td className="px-4 py-3 text-right">
                  {canEdit ? (
                    <LinkButton
                      variant="secondary"
                      size="sm"
                      href={`${base}/subscriptions/new?plan=${encodeURIComponent(p.id)}`}
                    >
                      Subscribe a customer
                    </LinkButton>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
