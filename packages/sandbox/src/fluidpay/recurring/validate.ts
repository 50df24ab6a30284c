import { z } from "zod";
import { badRequest } from "../core/envelope";
import { parseDate, type BillingFrequency } from "./schedule";

/** Request-body schemas of the recurring endpoints, with the seed's field rules. */

const MAX_CENTS = 99_999_999_999;
const cents = z.int("must be an integer number of cents").min(0, "must not be negative").max(MAX_CENTS);
/** "must be 0 or a percentage between .1% and 100%, expressed in thousandths" */
const percentage = z
  .int("must be an integer in thousandths of a percent")
  .refine((v) => v === 0 || (v >= 100 && v <= 100_000), "must be 0 or between 100 (0.1%) and 100000 (100%)");
const duration = z.int("must be an integer number of cycles").min(0, "must not be negative").max(10_000);
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/** Add-on / discount create and update (update merges into the stored record). */
export const adjustmentBody = z
  .object({
    name: text(100).optional(),
    description: text(255).optional(),
    amount: cents.nullable().optional(),
    percentage: percentage.nullable().optional(),
    duration: duration.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.amount != null && v.percentage != null) {
      ctx.addIssue({ code: "custom", path: ["percentage"], message: "provide either amount or percentage, not both" });
    }
  });
export type AdjustmentBody = z.infer<typeof adjustmentBody>;

/** An add-on/discount attached to a plan or subscription: a reference with optional overrides. */
const attached = z
  .object({
    id: z.string().min(1, "is required"),
    name: text(100).optional(),
    description: text(255).optional(),
    amount: cents.nullable().optional(),
    percentage: percentage.nullable().optional(),
    duration: duration.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.amount != null && v.percentage != null) {
      ctx.addIssue({ code: "custom", path: ["percentage"], message: "provide either amount or percentage, not both" });
    }
  });
export type AttachedBody = z.infer<typeof attached>;

const frequency = z.enum(["monthly", "twice_monthly", "daily"], "must be monthly, twice_monthly or daily");
const billingDays = z.union([z.string(), z.int()]).transform((v) => String(v));
const interval = z.int("must be an integer").min(1, "must be at least 1").max(1_000);

/** Fields shared by plans and subscriptions; which are required is decided by the caller. */
const scheduleFields = {
  description: text(255).optional(),
  amount: cents.optional(),
  billing_cycle_interval: interval.optional(),
  billing_frequency: frequency.optional(),
  billing_days: billingDays.nullable().optional(),
  duration: duration.optional(),
  add_ons: z.array(attached).max(50).nullable().optional(),
  discounts: z.array(attached).max(50).nullable().optional(),
};

export const planBody = z.object({ name: text(100).optional(), ...scheduleFields });
export type PlanBody = z.infer<typeof planBody>;

const ymd = z.string().refine((v) => parseDate(v) !== undefined, "must be a date YYYY-MM-DD");

export const subscriptionBody = z.object({
  plan_id: z.string().optional(),
  customer: z
    .object({
      id: z.string().optional(),
      payment_method_type: z.enum(["card", "ach", ""], "must be card or ach").optional(),
      payment_method_id: z.string().optional(),
      billing_address_id: z.string().optional(),
      shipping_address_id: z.string().optional(),
    })
    .optional(),
  next_bill_date: ymd.optional(),
  ...scheduleFields,
});
export type SubscriptionBody = z.infer<typeof subscriptionBody>;

/**
 * billing_days for a frequency: "1" for monthly, "1,15" (spaces allowed) for twice_monthly, each day
 * 0..31 with 0 = last day of the month; daily ignores billing days. Returns the parsed days.
 */
export function parseBillingDays(raw: string | null | undefined, freq: BillingFrequency): number[] {
  if (freq === "daily") return [];
  const parts = (raw ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const days = parts.map((p) => (/^\d{1,2}$/.test(p) ? Number(p) : NaN));
  if (days.length === 0) throw badRequest("invalid billing_days: is required");
  if (days.some((d) => !Number.isInteger(d) || d < 0 || d > 31)) {
    throw badRequest("invalid billing_days: each day must be 0 (last day of month) to 31");
  }
  const want = freq === "twice_monthly" ? 2 : 1;
  if (days.length !== want) {
    throw badRequest(
      freq === "twice_monthly"
        ? "invalid billing_days: twice_monthly needs two comma-separated days"
        : "invalid billing_days: monthly needs exactly one day",
    );
  }
  if (want === 2 && days[0] === days[1]) throw badRequest("invalid billing_days: the two days must differ");
  return days;
}

/** Canonical wire form of billing days: "1,15" (no spaces). */
export function formatBillingDays(days: number[]): string {
  return days.join(",");
}
