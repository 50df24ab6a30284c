/**
 * Recurring billing input rules (add-ons, discounts, plans, subscriptions), shared by forms, server actions
 * and routes. Two layers with one set of rules:
 *   - `*Schema`: typed input (integer cents, thousandths of a percent, number[] billing days) for actions,
 *     services and JSON routes;
 *   - `*FormSchema`: the same fields as text from a form, converted (money and percent parsing) and then
 *     piped through the typed schema, so every rule lives once and errors land on the field they are about.
 * `adjustmentProblems` and `scheduleProblems` are the rules as plain functions, for callers with other field
 * names (the gateway sandbox validates snake_case bodies with them).
 */
import { z } from "zod";
import { type Cents, parseMoney, parsePercent } from "@/lib/money";
import { isIsoDate } from "@/lib/recurring/calendar-date";
import { BILLING_FREQUENCIES, type BillingFrequency } from "@/lib/recurring/schedule";

/** 0.1% and 100% in thousandths of a percent, the seed's bounds for add-on and discount percentages. */
export const PERCENTAGE_MIN = 100;
export const PERCENTAGE_MAX = 100_000;
export const MAX_CENTS = 99_999_999_99; // $9,999,999,999.99: far above any recurring charge, well inside 2^53

export interface Problem {
  field: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Rules as plain functions

/** An add-on or discount has an amount or a percentage (0.1%..100%), never both, never neither. */
export function adjustmentProblems(v: { amount?: Cents | null; percentage?: number | null }): Problem[] {
  const hasAmount = v.amount !== null && v.amount !== undefined;
  const hasPercentage = v.percentage !== null && v.percentage !== undefined;
  if (hasAmount && hasPercentage) {
    const message = "Use either an amount or a percentage, not both.";
    return [
      { field: "amount", message },
      { field: "percentage", message },
    ];
  }
  if (!hasAmount && !hasPercentage) return [{ field: "amount", message: "Enter an amount or a percentage." }];
  if (hasPercentage && (v.percentage! < PERCENTAGE_MIN || v.percentage! > PERCENTAGE_MAX)) {
    return [{ field: "percentage", message: "Enter a percentage between 0.1% and 100%." }];
  }
  return [];
}

/** Billing days parsed from "1, 15" or given as numbers; null when the text is not a list of whole numbers. */
export function billingDaysFrom(value: string | readonly number[]): number[] | null {
  if (typeof value !== "string") return [...value];
  const trimmed = value.trim();
  if (trimmed === "") return [];
  const parts = trimmed.split(",").map((p) => p.trim());
  return parts.every((p) => /^\d{1,3}$/.test(p)) ? parts.map(Number) : null;
}

/**
 * monthly: one billing day; twice_monthly: two different days; 0 (last day) .. 31; interval ≥ 1 (months, or
 * days for daily, where billing days are not used).
 */
export function scheduleProblems(v: {
  billingFrequency: BillingFrequency;
  billingCycleInterval: number;
  billingDays: string | readonly number[];
}): Problem[] {
  const problems: Problem[] = [];
  if (!Number.isSafeInteger(v.billingCycleInterval) || v.billingCycleInterval < 1) {
    problems.push({ field: "billingCycleInterval", message: "Enter a whole number of 1 or more." });
  }
  if (v.billingFrequency === "daily") return problems;
  const days = billingDaysFrom(v.billingDays);
  const field = "billingDays";
  if (days === null || days.some((d) => !Number.isInteger(d))) {
    problems.push({ field, message: 'Enter days of the month as numbers, like "1" or "1, 15".' });
  } else if (days.some((d) => d < 0 || d > 31)) {
    problems.push({ field, message: "Billing days are 1 to 31, or 0 for the last day of the month." });
  } else if (v.billingFrequency === "monthly" && days.length !== 1) {
    problems.push({ field, message: "A monthly schedule bills on exactly one day." });
  } else if (v.billingFrequency === "twice_monthly" && days.length !== 2) {
    problems.push({ field, message: 'Twice-monthly billing needs exactly two days, like "1, 15".' });
  } else if (
    v.billingFrequency === "twice_monthly" &&
    (days[0] === days[1] || (days.includes(0) && days.includes(31)))
  ) {
    problems.push({ field, message: "The two billing days must be different days of the month." });
  }
  return problems;
}

function addProblems(ctx: z.RefinementCtx, problems: Problem[], prefix: (string | number)[] = []): void {
  for (const p of problems) ctx.addIssue({ code: "custom", message: p.message, path: [...prefix, p.field] });
}

// ---------------------------------------------------------------------------------------------------------------
// Typed schemas

const cents = (label: string) =>
  z
    .int(`Enter ${label} in whole cents.`)
    .min(0, `${label[0]!.toUpperCase()}${label.slice(1)} can't be negative.`)
    .max(MAX_CENTS, `${label[0]!.toUpperCase()}${label.slice(1)} is too large.`);
const cycles = z
  .int("Enter a whole number of cycles.")
  .min(0, "Enter 0 (until cancelled) or a number of cycles.")
  .max(10_000, "Enter at most 10,000 cycles.");
const text = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`);
const isoDate = z.string().refine(isIsoDate, "Enter a date as YYYY-MM-DD.");

export const adjustmentSchema = z
  .object({
    name: text(100).min(1, "Enter a name."),
    description: text(255).default(""),
    amount: cents("the amount").min(1, "Enter an amount greater than zero.").nullish(),
    percentage: z.int("Enter the percentage in thousandths of a percent.").nullish(),
    duration: cycles.default(0),
  })
  .superRefine((v, ctx) => addProblems(ctx, adjustmentProblems(v)));
export type AdjustmentInput = z.infer<typeof adjustmentSchema>;

export const addOnSchema = adjustmentSchema;
export const discountSchema = adjustmentSchema;

/** An add-on or discount attached to a plan or subscription, with the seed's optional overrides. */
export const attachedAdjustmentSchema = z
  .object({
    id: z.string().trim().min(1, "Choose an add-on or discount."),
    name: text(100).optional(),
    description: text(255).optional(),
    amount: cents("the amount").optional(),
    /** Not in the seed's override list, but the gateway sandbox accepts it; same bounds as on the catalog item. */
    percentage: z.int("Enter the percentage in thousandths of a percent.").optional(),
    duration: cycles.optional(),
  })
  .superRefine((v, ctx) => {
    // Overrides are optional: only check the pair when at least one is given.
    if (v.amount !== undefined || v.percentage !== undefined) addProblems(ctx, adjustmentProblems(v));
  });
export type AttachedAdjustmentInput = z.infer<typeof attachedAdjustmentSchema>;

const scheduleShape = {
  billingFrequency: z.enum(BILLING_FREQUENCIES, "Choose monthly, twice monthly or daily."),
  billingCycleInterval: z.int("Enter a whole number of 1 or more."),
  billingDays: z.union([z.string(), z.array(z.int())], 'Enter days of the month, like "1" or "1, 15".'),
};

/** Billing days come out as number[] ([] for daily). */
function normaliseDays<T extends { billingFrequency: BillingFrequency; billingDays: string | number[] }>(v: T) {
  return { ...v, billingDays: v.billingFrequency === "daily" ? [] : (billingDaysFrom(v.billingDays) ?? []) };
}

export const billingScheduleSchema = z
  .object(scheduleShape)
  .superRefine((v, ctx) => addProblems(ctx, scheduleProblems(v)))
  .transform(normaliseDays);

const planShape = {
  name: text(100).min(1, "Enter a name."),
  description: text(255).default(""),
  amount: cents("the amount"),
  ...scheduleShape,
  duration: cycles.default(0),
  addOns: z.array(attachedAdjustmentSchema).max(50).default([]),
  discounts: z.array(attachedAdjustmentSchema).max(50).default([]),
};

export const planSchema = z
  .object(planShape)
  .superRefine((v, ctx) => addProblems(ctx, scheduleProblems(v)))
  .transform(normaliseDays);
export type PlanInput = z.infer<typeof planSchema>;

export const subscriptionCustomerSchema = z
  .object({
    id: z.string().trim().min(1, "Choose a customer."),
    paymentMethodType: z.enum(["card", "ach"], "Choose card or ACH.").optional(),
    paymentMethodId: z.string().trim().min(1).optional(),
    billingAddressId: z.string().trim().min(1).optional(),
    shippingAddressId: z.string().trim().min(1).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.paymentMethodType && !v.paymentMethodId) {
      ctx.addIssue({ code: "custom", message: "Choose a payment method.", path: ["paymentMethodId"] });
    }
  });

export const subscriptionSchema = z
  .object({
    ...planShape,
    name: text(100).optional(),
    planId: z.string().trim().min(1).optional(),
    customer: subscriptionCustomerSchema,
    nextBillDate: isoDate,
  })
  .superRefine((v, ctx) => addProblems(ctx, scheduleProblems(v)))
  .transform(normaliseDays);
export type SubscriptionInput = z.infer<typeof subscriptionSchema>;

export const activateSubscriptionSchema = z.object({ nextBillDate: isoDate.optional() });

// ---------------------------------------------------------------------------------------------------------------
// Form schemas: text fields → typed input

const formText = z.string().optional().default("");

function parseCentsField(ctx: z.RefinementCtx, field: string, value: string): Cents | null | undefined {
  if (value.trim() === "") return undefined;
  const r = parseMoney(value, "USD", { max: MAX_CENTS });
  if (r.ok) return r.cents;
  ctx.addIssue({ code: "custom", message: r.error, path: [field] });
  return null;
}

function parseIntField(ctx: z.RefinementCtx, field: string, value: string): number | undefined {
  if (value.trim() === "") return undefined;
  if (/^\s*\d{1,9}\s*$/.test(value)) return Number(value);
  ctx.addIssue({ code: "custom", message: "Enter a whole number.", path: [field] });
  return undefined;
}

export const adjustmentFormSchema = z
  .object({ name: formText, description: formText, amount: formText, percentage: formText, duration: formText })
  .transform((f, ctx): z.input<typeof adjustmentSchema> => {
    const amount = parseCentsField(ctx, "amount", f.amount);
    let percentage: number | undefined;
    if (f.percentage.trim() !== "") {
      const p = parsePercent(f.percentage);
      if (p.ok) percentage = p.thousandths;
      else ctx.addIssue({ code: "custom", message: p.error, path: ["percentage"] });
    }
    return {
      name: f.name,
      description: f.description,
      amount: amount ?? null,
      percentage: percentage ?? null,
      duration: parseIntField(ctx, "duration", f.duration),
    };
  })
  .pipe(adjustmentSchema);

const scheduleFormFields = {
  amount: formText,
  billingFrequency: formText,
  billingCycleInterval: formText,
  billingDays: formText,
  duration: formText,
};

function scheduleFromForm(ctx: z.RefinementCtx, f: Record<keyof typeof scheduleFormFields, string>) {
  // Blank required fields go through as undefined on purpose: the typed schema reports them on their field.
  return {
    amount: parseCentsField(ctx, "amount", f.amount) as number,
    // Checked against the enum by the typed schema the form pipes into.
    billingFrequency: f.billingFrequency as BillingFrequency,
    billingCycleInterval: parseIntField(ctx, "billingCycleInterval", f.billingCycleInterval) as number,
    billingDays: f.billingDays,
    duration: parseIntField(ctx, "duration", f.duration),
  };
}

/** Plan form: scalar fields as text; attached add-ons/discounts already structured (picked, not typed). */
export const planFormSchema = z
  .object({
    name: formText,
    description: formText,
    ...scheduleFormFields,
    addOns: z.array(attachedAdjustmentSchema).optional(),
    discounts: z.array(attachedAdjustmentSchema).optional(),
  })
  .transform((f, ctx): z.input<typeof planSchema> => ({ ...f, ...scheduleFromForm(ctx, f) }))
  .pipe(planSchema);

export const subscriptionFormSchema = z
  .object({
    planId: z.string().optional(),
    description: formText,
    customer: subscriptionCustomerSchema,
    nextBillDate: formText,
    ...scheduleFormFields,
    addOns: z.array(attachedAdjustmentSchema).optional(),
    discounts: z.array(attachedAdjustmentSchema).optional(),
  })
  .transform((f, ctx): z.input<typeof subscriptionSchema> => ({
    ...f,
    planId: f.planId?.trim() || undefined,
    ...scheduleFromForm(ctx, f),
  }))
  .pipe(subscriptionSchema);

// ---------------------------------------------------------------------------------------------------------------

/** Zod issues → `{ "billingDays": ["..."], "addOns.0.amount": ["..."] }` for ActionResult.fieldErrors. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
