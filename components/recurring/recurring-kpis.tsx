import Link from "next/link";
import { getRecurringMetrics } from "@/db/queries/recurring-metrics";
import { formatMoney } from "@/lib/money";
import { cn } from "@/components/ui/cn";

/**
 * Recurring figures for the merchant dashboard (server component, reads the subscriptions cache): MRR,
 * active subscriptions, churn this month and what is at risk in failing / past-due subscriptions.
 */
export async function RecurringKpis({ merchantId }: { merchantId: string }) {
  const m = await getRecurringMetrics({ merchantId });
  const base = `/m/${merchantId}/recurring/subscriptions`;
  const cards = [
    {
      label: "MRR",
      value: formatMoney(m.mrr, m.currency),
      note: "Active subscriptions, normalised to a month",
      href: `${base}?status=active`,
    },
    { label: "Active subscriptions", value: String(m.activeCount), note: null, href: `${base}?status=active` },
    {
      label: "Churned this month",
      value: String(m.churnedThisMonth),
      note: "Cancelled since the 1st",
      href: `${base}?status=cancelled`,
    },
    {
      label: "At risk",
      value: formatMoney(m.atRiskAmount, m.currency),
      note: `${m.atRiskCount} failing or past due`,
      href: `${base}?status=past_due`,
      alert: m.atRiskCount > 0,
    },
  ];
  return (
    <section aria-labelledby="recurring-kpis-title">
      <h2 id="recurring-kpis-title" className="mb-2 text-sm font-semibold text-slate-900">
        Recurring billing
      </h2>
      {m.totalCount === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-600">
          No subscriptions yet.{" "}
          <Link className="text-brand-700 underline" href={`${base}/new`}>
            Subscribe a customer
          </Link>
        </p>
      ) : (
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {cards.map((k) => (
            <Link
              key={k.label}
              href={k.href}
              role="group"
              aria-label={k.label}
              className={cn(
                "rounded-lg border bg-white p-4 hover:border-brand-300",
                k.alert ? "border-amber-300" : "border-slate-200",
              )}
            >
              <p className="text-xs font-medium text-slate-500">{k.label}</p>
              <p className={cn("mt-1 text-xl font-semibold tabular-nums", k.alert ? "text-amber-700" : "")}>
                {k.value}
              </p>
              {k.note ? <p className="mt-1 text-xs text-slate-500">{k.note}</p> : null}
            </Link>
          ))}
        </div>
      )}
    </section>
  );
}
