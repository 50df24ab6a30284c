/**
 * Recurring revenue normalised to a month, for the dashboard's MRR. Same rounding rule as every other total
 * (docs/money.md): one product, rounded half away from zero to the cent, once per subscription.
 *
 * A subscription contributes its next charge's amount (subscription amount with the add-ons and discounts
 * active for that charge) × its charges per month: monthly 1/interval, twice_monthly 2/interval, daily
 * (365.25 / 12)/interval = 30.4375/interval. Subscriptions with no charges left contribute 0; which statuses
 * count (active, and whether failing/past_due do) is the caller's choice.
 */
import { type Cents, prorate, sumCents } from "@/lib/money";
import { remainingCharges, type BillingSchedule } from "@/lib/recurring/schedule";
import { computeCycleAmount, type RecurringPricing } from "@/lib/recurring/cycle-amount";

/** Charges per month as a fraction numerator / denominator. */
export function chargesPerMonth(schedule: Pick<BillingSchedule, "billingFrequency" | "billingCycleInterval">): {
  numerator: number;
  denominator: number;
} {
  const k = schedule.billingCycleInterval;
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError("billing cycle interval must be an integer ≥ 1");
  switch (schedule.billingFrequency) {
    case "monthly":
      return { numerator: 1, denominator: k };
    case "twice_monthly":
      return { numerator: 2, denominator: k };
    case "daily":
      return { numerator: 36525, denominator: 1200 * k };
  }
}

export function monthlyRecurringAmount(
  sub: Pick<BillingSchedule, "billingFrequency" | "billingCycleInterval"> & RecurringPricing & { duration?: number },
): Cents {
  if (remainingCharges(sub) === 0) return 0;
  const { numerator, denominator } = chargesPerMonth(sub);
  return prorate(computeCycleAmount(sub, 0).amount, numerator, denominator);
}

/** MRR of many subscriptions: the sum of each one's rounded contribution. */
export function monthlyRecurringRevenue(subs: Iterable<Parameters<typeof monthlyRecurringAmount>[0]>): Cents {
  return sumCents([...subs].map(monthlyRecurringAmount));
}
