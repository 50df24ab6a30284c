import Link from "next/link";
import { attachedItem } from "@/components/recurring/catalog";
import { describeDuration, describeSchedule, describeStep, priceSteps } from "@/components/recurring/format";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Money } from "@/components/ui/money";
import { type Column, Table } from "@/components/ui/table";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
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

export default async function PlansPage(props: MerchantPageProps) {
  const { ctx } = await merchantPage(props);
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
  const columns: Column<Plan>[] = [
    {
      key: "plan",
      header: "Plan",
      cell: (p) => (
        <>
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
        </>
      ),
    },
    { key: "schedule", header: "Schedule", className: "text-slate-700", cell: (p) => describeSchedule(p) },
    { key: "amount", header: "Amount", align: "right", cell: (p) => <Money cents={p.amount} /> },
    {
      key: "price",
      header: "Price per cycle",
      cell: (p) => (
        <ul className="space-y-0.5">
          {steps(p).map((s) => (
            <li key={s.from} className="flex justify-between gap-4 tabular-nums">
              <span className="text-slate-500">{describeStep(s)}</span>
              <span className="font-medium text-slate-900">{formatMoney(s.amount)}</span>
            </li>
          ))}
        </ul>
      ),
    },
    { key: "runs", header: "Runs", className: "text-slate-700", cell: (p) => describeDuration(p.duration) },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      className: "text-right",
      cell: (p) =>
        canEdit ? (
          <LinkButton variant="secondary" size="sm" href={`${base}/subscriptions/new?plan=${encodeURIComponent(p.id)}`}>
            Subscribe a customer
          </LinkButton>
        ) : null,
    },
  ];
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-slate-600">
          {plans.length} plan{plans.length === 1 ? "" : "s"}
        </p>
        {create}
      </div>
      <Table caption="Plans" rows={plans} rowKey={(p) => p.id} columns={columns} rowClassName={() => "align-top"} />
    </div>
  );
}
