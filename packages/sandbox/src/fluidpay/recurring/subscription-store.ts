import { q, type Queryable } from "../core/schema";
import { totalOf } from "./amounts";
import { attachedWire, readAttached, type AttachedItem } from "./attached";
import "./ensure-schema";
import type { BillingFrequency, Schedule } from "./schedule";
import { rfc3339 } from "./time";
import type { SubscriptionCustomer } from "./vault-lookup";

/**
 * Subscription statuses (services.md §5.4). The engine uses active, failing, past_due, completed and
 * error; the status endpoints set paused, past_due, cancelled, active, completed.
 */
export type SubscriptionStatus = "active" | "failing" | "past_due" | "paused" | "cancelled" | "completed" | "error";

export interface Subscription {
  id: string;
  plan_id: string;
  plan_name: string;
  description: string;
  customer: SubscriptionCustomer;
  amount: number;
  currency: string;
  processor_id: string;
  billing_cycle_interval: number;
  billing_frequency: BillingFrequency;
  billing_days: string;
  duration: number;
  next_bill_date: string;
  add_ons: AttachedItem[];
  discounts: AttachedItem[];
  status: SubscriptionStatus;
  cycles_charged: number;
  failed_attempts: number;
  retry_date: string | null;
  created_at: Date;
  updated_at: Date;
}

export const SUBSCRIPTION_COLUMNS = `id, plan_id, plan_name, description, customer, amount, currency, processor_id,
  billing_cycle_interval, billing_frequency, billing_days, duration, to_char(next_bill_date, 'YYYY-MM-DD') as next_bill_date,
  add_ons, discounts, status, cycles_charged, failed_attempts, to_char(retry_date, 'YYYY-MM-DD') as retry_date,
  created_at, updated_at`;

export type SubscriptionRow = Omit<Subscription, "amount" | "add_ons" | "discounts" | "customer"> & {
  amount: string | number;
  add_ons: unknown;
  discounts: unknown;
  customer: Partial<SubscriptionCustomer> | null;
};

export function fromRow(r: SubscriptionRow): Subscription {
  const c = r.customer ?? {};
  return {
    ...r,
    amount: Number(r.amount),
    add_ons: readAttached(r.add_ons),
    discounts: readAttached(r.discounts),
    customer: {
      id: c.id ?? "",
      payment_method_type: c.payment_method_type ?? "",
      payment_method_id: c.payment_method_id ?? "",
      billing_address_id: c.billing_address_id ?? "",
      shipping_address_id: c.shipping_address_id ?? "",
    },
  };
}

export function scheduleOf(s: Pick<Subscription, "billing_frequency" | "billing_cycle_interval" | "billing_days">) {
  const schedule: Schedule = {
    frequency: s.billing_frequency,
    interval: s.billing_cycle_interval,
    days: s.billing_days
      .split(",")
      .filter((d) => d.trim() !== "")
      .map((d) => Number(d.trim())),
  };
  return schedule;
}

/** The documented subscription object (the seed's status-endpoint examples show the full field set). */
export function subscriptionWire(s: Subscription) {
  return {
    id: s.id,
    plan_id: s.plan_id,
    plan_name: s.plan_name,
    status: s.status,
    description: s.description,
    customer_name: "",
    shared: false,
    customer: s.customer,
    amount: s.amount,
    currency: s.currency,
    processor_id: s.processor_id,
    // "total_adds" (not total_add_ons) is how the seed spells it on subscriptions.
    total_adds: totalOf(s.amount, s.add_ons),
    total_discounts: totalOf(s.amount, s.discounts),
    billing_cycle_interval: s.billing_cycle_interval,
    billing_frequency: s.billing_frequency,
    billing_days: s.billing_days,
    duration: s.duration,
    next_bill_date: s.next_bill_date,
    add_ons: attachedWire(s.add_ons),
    discounts: attachedWire(s.discounts),
    expiration_date: "",
    events: null,
    created_at: rfc3339(s.created_at),
    updated_at: rfc3339(s.updated_at),
    charge_on_day: false,
  };
}

export async function getSubscription(
  accountId: string,
  id: string,
  db?: Queryable,
  forUpdate = false,
): Promise<Subscription | undefined> {
  const sql = `select ${SUBSCRIPTION_COLUMNS} from sandbox_gateway.recurring_subscriptions
    where account_id = $1 and id = $2 ${forUpdate ? "for update" : ""}`;
  const r = db ? await db.query<SubscriptionRow>(sql, [accountId, id]) : await q<SubscriptionRow>(sql, [accountId, id]);
  return r.rows[0] ? fromRow(r.rows[0]) : undefined;
}
