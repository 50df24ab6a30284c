import type { AdjustmentRef } from "@/lib/gateway/types";
import { type PreviewCharge, previewCharges, type BillingFrequency } from "@/lib/recurring/schedule";
import type { RecurringAdjustment } from "@/lib/recurring/cycle-amount";

/** What the preview needs of a cached subscription row. */
export interface PreviewSource {
  amount: number;
  billingFrequency: string;
  billingCycleInterval: number;
  billingDays: string;
  duration: number;
  nextBillDate: string | null;
  addOns: AdjustmentRef[];
  discounts: AdjustmentRef[];
}

function adjustments(list: AdjustmentRef[]): RecurringAdjustment[] {
  return list.map((a) => ({
    id: a.id,
    name: a.name ?? undefined,
    amount: a.amount ?? null,
    percentage: a.percentage ?? null,
    duration: a.duration ?? 0,
  }));
}

/**
 * The next `count` charges of a subscription from the same pure module the sandbox bills with
 * (lib/recurring/schedule.ts); `cyclesCharged` = approved charges so far (the cache's charge history).
 * Empty when nothing is scheduled (no next bill date).
 */
export function previewSubscription(sub: PreviewSource, cyclesCharged: number, count = 12): PreviewCharge[] {
  if (!sub.nextBillDate) return [];
  return previewCharges(
    {
      amount: sub.amount,
      billingFrequency: sub.billingFrequency as BillingFrequency,
      billingCycleInterval: sub.billingCycleInterval,
      billingDays: sub.billingFrequency === "daily" ? [] : sub.billingDays.split(",").map(Number),
      duration: sub.duration,
      nextBillDate: sub.nextBillDate,
      addOns: adjustments(sub.addOns),
      discounts: adjustments(sub.discounts),
      cyclesCharged,
    },
    count,
  );
}
