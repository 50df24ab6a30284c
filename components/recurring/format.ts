import { formatMoney, formatPercent } from "@/lib/money";
import { computeCycleAmount, type RecurringAdjustment } from "@/lib/recurring/cycle-amount";
import { statusOptions } from "@/components/ui/status-badge";

/** Display helpers shared by the recurring screens (pure; usable on server and client). */

export const SUBSCRIPTION_STATUS_LABELS: Record<string, string> = statusOptions("subscription");

export const FREQUENCY_LABELS: Record<string, string> = {
  monthly: "Monthly",
  twice_monthly: "Twice monthly",
  daily: "Daily",
};

function ordinal(day: number): string {
  if (day === 0) return "last day";
  const rem10 = day % 10;
  const rem100 = day % 100;
  const suffix =
    rem10 === 1 && rem100 !== 11
      ? "st"
      : rem10 === 2 && rem100 !== 12
        ? "nd"
        : rem10 === 3 && rem100 !== 13
          ? "rd"
          : "th";
  return `${day}${suffix}`;
}

/** "Monthly on the 1st", "Every 2 months on the 1st and 15th", "Every 3 days". */
export function describeSchedule(s: {
  billingFrequency: string;
  billingCycleInterval: number;
  billingDays: readonly number[] | string;
}): string {
  const days = (typeof s.billingDays === "string" ? s.billingDays.split(",") : s.billingDays)
    .map((d) => String(d).trim())
    .filter((d) => d !== "")
    .map(Number);
  const n = s.billingCycleInterval;
  if (s.billingFrequency === "daily") return n === 1 ? "Every day" : `Every ${n} days`;
  const on = days.length ? ` on the ${days.map(ordinal).join(" and ")}` : "";
  const every = n === 1 ? "Monthly" : `Every ${n} months`;
  return s.billingFrequency === "twice_monthly" ? `${every}, twice${on}` : `${every}${on}`;
}

export function describeDuration(duration: number | null | undefined, unit = "charge"): string {
  if (!duration) return "Until cancelled";
  return `${duration} ${unit}${duration === 1 ? "" : "s"}`;
}

/** "$5.00" or "10%". */
export function adjustmentValueLabel(a: { amount?: number | null; percentage?: number | null }, currency = "USD") {
  if (a.percentage !== null && a.percentage !== undefined && a.percentage !== 0) return formatPercent(a.percentage);
  return formatMoney(a.amount ?? 0, currency);
}

export interface PriceStep {
  /** 1-based first and last cycle of the step; `to` null = onward. */
  from: number;
  to: number | null;
  amount: number;
}

/**
 * The per-cycle price over the life of a plan or subscription, as steps: "cycles 1–2 $23.00, from 3 $18.00".
 * Computed with the totals module; steps end where add-ons and discounts expire.
 */
export function priceSteps(pricing: {
  amount: number;
  addOns?: readonly RecurringAdjustment[];
  discounts?: readonly RecurringAdjustment[];
  cyclesCharged?: number;
}): PriceStep[] {
  const durations = [...(pricing.addOns ?? []), ...(pricing.discounts ?? [])].map((a) => a.duration ?? 0);
  const horizon = Math.min(Math.max(0, ...durations) + 1, 500);
  const steps: PriceStep[] = [];
  for (let i = 0; i < horizon; i++) {
    const amount = computeCycleAmount(pricing, i).amount;
    const last = steps[steps.length - 1];
    if (last && last.amount === amount) last.to = i + 1;
    else steps.push({ from: i + 1, to: i + 1, amount });
  }
  steps[steps.length - 1]!.to = null;
  return steps;
}

export function describeStep(step: PriceStep): string {
  if (step.to === null) return step.from === 1 ? "Every cycle" : `From cycle ${step.from}`;
  return step.from === step.to ? `Cycle ${step.from}` : `Cycles ${step.from}–${step.to}`;
}
