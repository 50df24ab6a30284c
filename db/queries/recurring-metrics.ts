import { and, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { subscriptions } from "@/db/schema";
import { type Cents, sumCents } from "@/lib/money";
import { computeCycleAmount, type RecurringAdjustment } from "@/lib/recurring/cycle-amount";
import { monthlyRecurringAmount } from "@/lib/recurring/metrics";
import type { BillingFrequency } from "@/lib/recurring/schedule";
import type { AdjustmentRef } from "@/lib/gateway/types";
import { approvedChargeCounts } from "./subscriptions";

export interface RecurringMetrics {
  currency: string;
  /** Monthly recurring revenue of active subscriptions (next charge × charges per month). */
  mrr: Cents;
  activeCount: number;
  /** Cancelled since the first day of the current month (UTC). */
  churnedThisMonth: number;
  /** failing + past_due subscriptions. */
  atRiskCount: number;
  /** Their next charge amounts: what the merchant stands to lose. */
  atRiskAmount: Cents;
  /** Subscriptions in the cache (not deleted), any status. */
  totalCount: number;
}

const AT_RISK = ["failing", "past_due"];

function adjustments(list: AdjustmentRef[]): RecurringAdjustment[] {
  return list.map((a) => ({ amount: a.amount ?? null, percentage: a.percentage ?? null, duration: a.duration ?? 0 }));
}

/**
 * The dashboard's recurring figures, from the subscriptions cache (and the count of approved charges per
 * subscription in the transactions cache, which decides which add-ons and discounts are still active).
 */
export async function getRecurringMetrics(
  params: { merchantId: string; now?: Date },
  db: DbOrTx = getDb(),
): Promise<RecurringMetrics> {
  const now = params.now ?? new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const charged = approvedChargeCounts(params.merchantId, db);
  const scope = and(eq(subscriptions.merchantId, params.merchantId), isNull(subscriptions.deletedAt));
  const [live, counts] = await Promise.all([
    db
      .select({
        status: subscriptions.status,
        amount: subscriptions.amount,
        currency: subscriptions.currency,
        billingFrequency: subscriptions.billingFrequency,
        billingCycleInterval: subscriptions.billingCycleInterval,
        duration: subscriptions.duration,
        addOns: subscriptions.addOns,
        discounts: subscriptions.discounts,
        charged: sql<number>`coalesce(${charged.charged}, 0)`.mapWith(Number),
      })
      .from(subscriptions)
      .leftJoin(charged, eq(charged.subscriptionId, subscriptions.providerId))
      .where(and(scope, inArray(subscriptions.status, ["active", ...AT_RISK]))),
    db
      .select({
        total: sql<number>`count(*)::int`,
        churned: sql<number>`(count(*) filter (where ${subscriptions.status} = 'cancelled' and ${gte(subscriptions.statusChangedAt, monthStart)}))::int`,
        currency: sql<string | null>`min(${subscriptions.currency})`,
      })
      .from(subscriptions)
      .where(scope),
  ]);
  const pricing = (r: (typeof live)[number]) => ({
    amount: r.amount,
    billingFrequency: r.billingFrequency as BillingFrequency,
    billingCycleInterval: r.billingCycleInterval,
    duration: r.duration,
    addOns: adjustments(r.addOns),
    discounts: adjustments(r.discounts),
    cyclesCharged: r.charged,
  });
  const active = live.filter((r) => r.status === "active");
  const atRisk = live.filter((r) => AT_RISK.includes(r.status));
  return {
    currency: counts[0]?.currency ?? "USD",
    mrr: sumCents(active.map((r) => monthlyRecurringAmount(pricing(r)))),
    activeCount: active.length,
    churnedThisMonth: counts[0]?.churned ?? 0,
    atRiskCount: atRisk.length,
    atRiskAmount: sumCents(atRisk.map((r) => computeCycleAmount(pricing(r), 0).amount)),
    totalCount: counts[0]?.total ?? 0,
  };
}
