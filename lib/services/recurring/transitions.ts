import type { SubscriptionStatus, SubscriptionStatusChange } from "@/lib/gateway/types";

/**
 * The lifecycle rule of the gateway (docs/sandbox/fluidpay-recurring-invoices.md, "Status rules"): which
 * statuses a merchant may move a subscription to from its current one. Pure, so the detail page offers only
 * these and the service refuses the rest before calling the gateway.
 */
const FROM: Record<SubscriptionStatusChange, (s: SubscriptionStatus) => boolean> = {
  paused: (s) => s === "active" || s === "failing" || s === "past_due" || s === "error",
  past_due: (s) => s === "active" || s === "failing" || s === "paused" || s === "error",
  cancelled: (s) => s !== "cancelled",
  completed: (s) => s !== "completed",
  active: (s) =>
    s === "paused" || s === "failing" || s === "past_due" || s === "cancelled" || s === "error" || s === "completed",
};

export const STATUS_CHANGES: readonly SubscriptionStatusChange[] = [
  "active",
  "paused",
  "past_due",
  "cancelled",
  "completed",
];

export function canChangeStatus(from: SubscriptionStatus, to: SubscriptionStatusChange): boolean {
  return FROM[to](from);
}

export function allowedStatusChanges(from: SubscriptionStatus): SubscriptionStatusChange[] {
  return STATUS_CHANGES.filter((to) => canChangeStatus(from, to));
}
