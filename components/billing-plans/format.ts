import { format, parseISO } from "date-fns";
import type { BillingInterval, BillingPayment, BillingPlan } from "@/lib/copilot/types";
import { statusOptions } from "@/components/ui/status-badge";

const UNIT: Record<BillingInterval, [string, string]> = {
  daily: ["day", "days"],
  weekly: ["week", "weeks"],
  monthly: ["month", "months"],
  yearly: ["year", "years"],
};

/** "Every month", "Every 2 weeks". */
export function describeCadence(p: Pick<BillingPlan, "interval" | "every">): string {
  const [one, many] = UNIT[p.interval];
  return p.every === 1 ? `Every ${one}` : `Every ${p.every} ${many}`;
}

/** ISO calendar date → "Dec 1, 2026" (or a dash). */
export function formatDay(iso: string | null | undefined): string {
  return iso ? format(parseISO(iso), "MMM d, yyyy") : "—";
}

export function describeEnd(until: BillingPlan["until"]): string {
  if (until.kind === "payments") return `${until.count} payment${until.count === 1 ? "" : "s"}`;
  if (until.kind === "date") return `Through ${formatDay(until.date)}`;
  return "Until cancelled";
}

/** The next payment still to be collected, if the schedule is known. */
export function nextPayment(payments: BillingPayment[] | null): BillingPayment | null {
  return payments?.find((p) => p.status === "scheduled") ?? null;
}

export const PLAN_STATUS_LABELS: Record<string, string> = statusOptions("plan");

export const PAYMENT_STATUS_LABELS: Record<string, string> = statusOptions("payment");
