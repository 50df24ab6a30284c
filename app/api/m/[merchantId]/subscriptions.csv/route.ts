import {
  iterateSubscriptions,
  SUBSCRIPTION_STATUS_FILTERS,
  type SubscriptionRow,
  type SubscriptionStatusFilter,
} from "@/db/queries/subscriptions";
import { merchantRoute } from "@/lib/auth/route";
import { csvResponse } from "@/lib/csv";
import { fieldError } from "@/lib/errors";
import { centsToDecimalString } from "@/lib/money";

export const dynamic = "force-dynamic";

const HEADER = [
  "subscription_id",
  "status",
  "customer_id",
  "customer_name",
  "customer_email",
  "plan_id",
  "plan_name",
  "amount",
  "currency",
  "billing_frequency",
  "billing_cycle_interval",
  "billing_days",
  "duration",
  "next_bill_date",
  "add_ons",
  "discounts",
  "created_at",
];

function cells(s: SubscriptionRow): (string | number | null)[] {
  return [
    s.id,
    s.status,
    s.customerId,
    s.customerName,
    s.customerEmail,
    s.planId,
    s.planName,
    centsToDecimalString(s.amount, s.currency),
    s.currency,
    s.billingFrequency,
    s.billingCycleInterval,
    s.billingDays,
    s.duration,
    s.nextBillDate,
    s.addOns.map((a) => a.name ?? a.id).join("; "),
    s.discounts.map((d) => d.name ?? d.id).join("; "),
    s.createdAt.toISOString(),
  ];
}

/** The subscriptions list as CSV, with the page's filters (status, customer search), from the cache. */
export const GET = merchantRoute("reports:export", async (req, ctx) => {
  const url = new URL(req.url);
  const status = url.searchParams.get("status") || undefined;
  if (status && !(SUBSCRIPTION_STATUS_FILTERS as readonly string[]).includes(status)) {
    throw fieldError("status", "Unknown subscription status.");
  }
  const q = url.searchParams.get("q")?.trim().slice(0, 100) || undefined;
  const rows: (string | number | null)[][] = [];
  for await (const chunk of iterateSubscriptions({
    merchantId: ctx.merchant.id,
    status: status as SubscriptionStatusFilter | undefined,
    q,
  })) {
    rows.push(...chunk.map(cells));
  }
  return csvResponse(`subscriptions-${new Date().toISOString().slice(0, 10)}.csv`, HEADER, rows);
});
