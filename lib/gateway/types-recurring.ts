import type { Cents, IsoDate, IsoTimestamp } from "./types-common";

// ---------------------------------------------------------------------------------------------------------
// Recurring

export type BillingFrequency = "monthly" | "twice_monthly" | "daily";

/** An add-on or discount: a fixed amount or a percentage (thousandths), billed `duration` times (0 = forever). */
export interface Adjustment {
  id: string;
  name: string;
  description: string | null;
  amount: Cents | null;
  percentage: number | null;
  duration: number;
  createdAt: IsoTimestamp | null;
  updatedAt: IsoTimestamp | null;
}
export type AddOn = Adjustment;
export type Discount = Adjustment;

export interface AdjustmentInput {
  name: string;
  description?: string;
  amount?: Cents;
  percentage?: number;
  duration?: number;
}

/** An add-on/discount attached to a plan or subscription, with optional overrides. */
export interface AdjustmentRef {
  id: string;
  name?: string | null;
  description?: string | null;
  amount?: Cents | null;
  percentage?: number | null;
  duration?: number | null;
}

export interface Schedule {
  amount: Cents;
  billingCycleInterval: number;
  billingFrequency: BillingFrequency;
  /** Days of the month; 0 = the last day. */
  billingDays: number[];
  /** Times to bill; 0 = until cancelled. */
  duration: number;
}

export interface Plan extends Schedule {
  id: string;
  name: string;
  description: string | null;
  addOns: AdjustmentRef[];
  discounts: AdjustmentRef[];
  totalAddOns: Cents;
  totalDiscounts: Cents;
  createdAt: IsoTimestamp | null;
  updatedAt: IsoTimestamp | null;
}

export interface PlanInput extends Schedule {
  name: string;
  description?: string;
  addOns?: AdjustmentRef[];
  discounts?: AdjustmentRef[];
}

export type SubscriptionStatus =
  "active" | "paused" | "past_due" | "failing" | "failed" | "cancelled" | "completed" | "error" | "unknown";

export interface SubscriptionCustomer {
  id: string;
  paymentMethodType: "card" | "ach" | null;
  paymentMethodId: string | null;
  billingAddressId: string | null;
  shippingAddressId: string | null;
}

export interface Subscription extends Schedule {
  id: string;
  planId: string | null;
  status: SubscriptionStatus;
  description: string | null;
  customer: SubscriptionCustomer;
  nextBillDate: IsoDate | null;
  addOns: AdjustmentRef[];
  discounts: AdjustmentRef[];
  totalAddOns: Cents;
  totalDiscounts: Cents;
  currency: string;
  createdAt: IsoTimestamp | null;
  updatedAt: IsoTimestamp | null;
}

export interface SubscriptionInput extends Partial<Schedule> {
  planId?: string;
  description?: string;
  customer: {
    id: string;
    paymentMethodType?: "card" | "ach";
    paymentMethodId?: string;
    billingAddressId?: string;
    shippingAddressId?: string;
  };
  nextBillDate?: IsoDate;
  addOns?: AdjustmentRef[];
  discounts?: AdjustmentRef[];
}

export interface SubscriptionQuery {
  id?: string;
  customerId?: string;
  planId?: string;
  status?: SubscriptionStatus;
  limit?: number;
  offset?: number;
}

/** The statuses a merchant may move a subscription to. */
export type SubscriptionStatusChange = "active" | "paused" | "past_due" | "cancelled" | "completed";
