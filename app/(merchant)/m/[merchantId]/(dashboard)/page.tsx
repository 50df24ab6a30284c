import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { Suspense } from "react";
import { ArAgingWidget } from "@/components/dashboard/ar-aging";
import { GettingStarted } from "@/components/dashboard/getting-started";
import {
  ApprovalsWidget,
  BrandMixWidget,
  ChannelMixWidget,
  DeclineReasonsWidget,
  VolumeWidget,
} from "@/components/dashboard/charts";
import { KpiCards, KpiSkeleton } from "@/components/dashboard/kpis";
import { RangePicker } from "@/components/dashboard/range-picker";
import { RecurringKpis } from "@/components/recurring/recurring-kpis";
import { Widget, WidgetSkeleton } from "@/components/dashboard/widget";
import { hasAnyActivity } from "@/db/queries/dashboard";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { periodFromSearch } from "@/lib/dashboard/range";

export default async function DashboardPage(props: MerchantPageProps) {
  const { ctx, query } = await merchantPage(props);
  const period = periodFromSearch(query);
  const base = `/m/${ctx.merchant.id}`;
  const active = await hasAnyActivity({ merchantId: ctx.merchant.id });
  const scope = { merchantId: ctx.merchant.id, period };
  return (
    <section className="space-y-4">
      <PageHeader
        className="mb-0"
        title="Dashboard"
        description={`${period.from} – ${period.to} (UTC), compared with the ${period.days} days before`}
        actions={<RangePicker base={base} period={period} />}
      />
      {ctx.role === "merchant_admin" ? (
        <Suspense fallback={null}>
          <GettingStarted merchantId={ctx.merchant.id} />
        </Suspense>
      ) : null}
      {!active && (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          <p className="font-medium text-slate-800">No transactions yet.</p>
          <p className="mt-1 text-sm">
            Take a first payment in the{" "}
            <Link className="text-brand-700 underline" href={`${base}/terminal`}>
              virtual terminal
            </Link>{" "}
            or send an{" "}
            <Link className="text-brand-700 underline" href={`${base}/invoices`}>
              invoice
            </Link>
            ; figures appear here as soon as it is recorded.
          </p>
        </div>
      )}
      <Suspense fallback={<KpiSkeleton />}>
        <KpiCards {...scope} />
      </Suspense>
      <div className="grid gap-4 lg:grid-cols-3">
        <Suspense fallback={<WidgetSkeleton title="Volume by day" height={260} className="lg:col-span-2" />}>
          <VolumeWidget {...scope} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="Approvals vs declines" />}>
          <ApprovalsWidget {...scope} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="Decline reasons" />}>
          <DeclineReasonsWidget {...scope} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="Card brand mix" />}>
          <BrandMixWidget {...scope} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="By channel" />}>
          <ChannelMixWidget {...scope} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="Receivables aging" />}>
          <ArAgingWidget merchantId={ctx.merchant.id} />
        </Suspense>
        <Widget title="Recurring revenue" className="lg:col-span-2">
          {ctx.merchant.gateway === "cardpointe" ? (
            <p className="py-6 text-sm text-slate-500">
              Recurring billing for CardPointe merchants runs on CoPilot billing plans.
            </p>
          ) : (
            <Suspense fallback={<div className="h-24 animate-pulse rounded bg-slate-100" aria-busy="true" />}>
              <RecurringKpis merchantId={ctx.merchant.id} />
            </Suspense>
          )}
        </Widget>
      </div>
    </section>
  );
}
