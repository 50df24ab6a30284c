import type {
  Adjustment,
  AdjustmentInput,
  AdjustmentRef,
  BillingFrequency,
  Plan,
  PlanInput,
  Schedule,
  Subscription,
  SubscriptionInput,
  SubscriptionQuery,
  SubscriptionStatus,
} from "../types";
import type { WireAdjustment, WirePlan, WireSubscription } from "./schemas";
import { cents, currency, isoDate, isoTime, text } from "./transform-shared";
import type {
  WireAdjustmentBody,
  WireAdjustmentRefBody,
  WirePlanBody,
  WireScheduleBody,
  WireSearchBody,
  WireSubscriptionBody,
} from "./types";

/** Recurring billing (`/api/recurring/...`) ↔ domain. */

export function toAdjustment(w: WireAdjustment): Adjustment {
  return {
    id: w.id,
    name: text(w.name) ?? "",
    description: text(w.description),
    amount: w.amount ?? null,
    percentage: w.percentage ?? null,
    duration: w.duration ?? 0,
    createdAt: isoTime(w.created_at),
    updatedAt: isoTime(w.updated_at),
  };
}

export function toAdjustmentBody(input: AdjustmentInput): WireAdjustmentBody {
  // The gateway takes amount or percentage, never both; send only the one given.
  return {
    name: input.name,
    description: input.description ?? "",
    ...(input.percentage !== undefined ? { percentage: input.percentage } : { amount: input.amount ?? 0 }),
    duration: input.duration ?? 0,
  };
}

function toRef(w: WireAdjustment | (Omit<WireAdjustment, "id"> & { id: string })): AdjustmentRef {
  return {
    id: w.id,
    name: text(w.name),
    description: text(w.description),
    amount: w.amount ?? null,
    percentage: w.percentage ?? null,
    duration: w.duration ?? null,
  };
}

function toRefBody(r: AdjustmentRef): WireAdjustmentRefBody {
  return {
    id: r.id,
    name: r.name ?? undefined,
    description: r.description ?? undefined,
    amount: r.amount ?? undefined,
    percentage: r.percentage ?? undefined,
    duration: r.duration ?? undefined,
  };
}

export function billingFrequency(v: string | null | undefined): BillingFrequency {
  const t = (v ?? "").toLowerCase();
  return t === "twice_monthly" || t === "daily" ? t : "monthly";
}

/** "1, 15" → [1, 15]; "0" → [0] (last day of the month). */
export function billingDays(v: string | null | undefined): number[] {
  return (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /^\d+$/.test(s))
    .map(Number);
}

function schedule(w: {
  amount?: number | null;
  billing_cycle_interval?: number | null;
  billing_frequency?: string | null;
  billing_days?: string | null;
  duration?: number | null;
}): Schedule {
  return {
    amount: cents(w.amount),
    billingCycleInterval: w.billing_cycle_interval ?? 1,
    billingFrequency: billingFrequency(w.billing_frequency),
    billingDays: billingDays(w.billing_days),
    duration: w.duration ?? 0,
  };
}

function toScheduleBody(s: Partial<Schedule>): WireScheduleBody {
  return {
    amount: s.amount,
    billing_cycle_interval: s.billingCycleInterval,
    billing_frequency: s.billingFrequency,
    billing_days: s.billingDays?.join(","),
    duration: s.duration,
  };
}

export function toPlan(w: WirePlan): Plan {
  return {
    id: w.id,
    name: text(w.name) ?? "",
    description: text(w.description),
    ...schedule(w),
    addOns: (w.add_ons ?? []).map(toRef),
    discounts: (w.discounts ?? []).map(toRef),
    totalAddOns: cents(w.total_add_ons),
    totalDiscounts: cents(w.total_discounts),
    createdAt: isoTime(w.created_at),
    updatedAt: isoTime(w.updated_at),
  };
}

export function toPlanBody(input: PlanInput): WirePlanBody {
  return {
    name: input.name,
    description: input.description ?? "",
    ...toScheduleBody(input),
    add_ons: input.addOns?.map(toRefBody),
    discounts: input.discounts?.map(toRefBody),
  };
}

const SUBSCRIPTION_STATUS: ReadonlySet<string> = new Set([
  "active",
  "paused",
  "past_due",
  "failing",
  "failed",
  "cancelled",
  "completed",
  "error",
]);

export function subscriptionStatus(v: string | null | undefined): SubscriptionStatus {
  const t = (v ?? "").toLowerCase();
  if (t === "canceled") return "cancelled";
  if (t === "stopped") return "cancelled";
  return SUBSCRIPTION_STATUS.has(t) ? (t as SubscriptionStatus) : "unknown";
}

export function toSubscription(w: WireSubscription): Subscription {
  const c = w.customer;
  const pmType = (c?.payment_method_type ?? "").toLowerCase();
  return {
    id: w.id,
    planId: text(w.plan_id),
    status: subscriptionStatus(w.status),
    description: text(w.description),
    customer: {
      id: text(c?.id) ?? "",
      paymentMethodType: pmType === "card" || pmType === "ach" ? pmType : null,
      paymentMethodId: text(c?.payment_method_id),
      billingAddressId: text(c?.billing_address_id),
      shippingAddressId: text(c?.shipping_address_id),
    },
    ...schedule(w),
    nextBillDate: isoDate(w.next_bill_date),
    addOns: (w.add_ons ?? []).map(toRef),
    discounts: (w.discounts ?? []).map(toRef),
    // The seed spells it total_adds on subscriptions and total_add_ons on plans.
    totalAddOns: cents(w.total_add_ons ?? w.total_adds),
    totalDiscounts: cents(w.total_discounts),
    currency: currency(w.currency),
    createdAt: isoTime(w.created_at),
    updatedAt: isoTime(w.updated_at),
  };
}

export function toSubscriptionBody(input: SubscriptionInput): WireSubscriptionBody {
  return {
    plan_id: input.planId,
    description: input.description,
    customer: {
      id: input.customer.id,
      payment_method_type: input.customer.paymentMethodType,
      payment_method_id: input.customer.paymentMethodId,
      billing_address_id: input.customer.billingAddressId,
      shipping_address_id: input.customer.shippingAddressId,
    },
    ...toScheduleBody(input),
    next_bill_date: input.nextBillDate,
    add_ons: input.addOns?.map(toRefBody),
    discounts: input.discounts?.map(toRefBody),
  };
}

function eq(value: string | undefined) {
  return value === undefined ? undefined : { operator: "=" as const, value };
}

export function toSubscriptionSearchBody(q: SubscriptionQuery = {}): WireSearchBody {
  return {
    id: eq(q.id),
    customer_id: eq(q.customerId),
    plan_id: eq(q.planId),
    status: eq(q.status),
    limit: Math.min(100, Math.max(1, Math.trunc(q.limit ?? 25))),
    offset: Math.max(0, Math.trunc(q.offset ?? 0)),
  };
}
