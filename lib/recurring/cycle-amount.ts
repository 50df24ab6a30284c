/**
 * One recurring charge's amount: subscription amount + active add-ons − active discounts, floored at 0.
 * Part of the totals module (re-exported by lib/totals.ts) and under its rounding rule: each add-on or
 * discount percentage is a percentage of the subscription amount, rounded half away from zero once.
 */
import {
  addCents,
  assertNonNegativeCents as nonNegativeCents,
  assertRate as rate,
  type Cents,
  percentOf,
  subtractCents,
  sumCents,
  THOUSANDTHS_PER_WHOLE,
} from "@/lib/money";

export interface RecurringAdjustment {
  id?: string;
  name?: string;
  /** Flat amount in minor units, or null when a percentage is used. */
  amount?: Cents | null;
  /** Thousandths of a percent of the subscription amount (10000 = 10%), or null when an amount is used. */
  percentage?: number | null;
  /** Number of cycles the adjustment is billed; 0 = until cancelled. */
  duration?: number;
  /** Times it has already been billed; defaults to the subscription's charged cycle count. */
  cyclesBilled?: number;
}

export interface RecurringPricing {
  /** The subscription (or plan) amount per cycle. */
  amount: Cents;
  addOns?: readonly RecurringAdjustment[] | null;
  discounts?: readonly RecurringAdjustment[] | null;
  /** Cycles already charged. */
  cyclesCharged?: number;
}

export interface AppliedAdjustment {
  id?: string;
  name?: string;
  amount: Cents;
}

export interface CycleAmount {
  baseAmount: Cents;
  addOns: AppliedAdjustment[];
  discounts: AppliedAdjustment[];
  totalAddOns: Cents;
  totalDiscounts: Cents;
  /** max(0, baseAmount + totalAddOns − totalDiscounts) */
  amount: Cents;
}

function count(value: number | undefined, what: string): number {
  const v = value ?? 0;
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${what} must be a non-negative integer`);
  return v;
}

/** The adjustment's value in minor units: its flat amount, or its percentage of the subscription amount. */
export function adjustmentValue(adj: RecurringAdjustment, subscriptionAmount: Cents): Cents {
  const hasAmount = adj.amount !== null && adj.amount !== undefined;
  const hasPercent = adj.percentage !== null && adj.percentage !== undefined && adj.percentage !== 0;
  if (hasAmount && hasPercent) throw new RangeError("an add-on or discount has either an amount or a percentage");
  if (hasPercent) return percentOf(subscriptionAmount, rate(adj.percentage, "percentage", THOUSANDTHS_PER_WHOLE));
  return nonNegativeCents(adj.amount, "add-on/discount amount");
}

/** Whether the adjustment still applies to the charge `chargesAhead` charges after the next one (0 = next). */
export function adjustmentActive(adj: RecurringAdjustment, cyclesCharged: number, chargesAhead = 0): boolean {
  const duration = count(adj.duration, "duration");
  if (duration === 0) return true;
  const billed = count(adj.cyclesBilled ?? cyclesCharged, "cycles billed");
  return billed + chargesAhead < duration;
}

/**
 * The amount of an upcoming recurring charge: subscription amount + active add-ons − active discounts,
 * floored at 0. `chargesAhead` = 0 for the next charge, 1 for the one after, and so on.
 */
export function computeCycleAmount(pricing: RecurringPricing, chargesAhead = 0): CycleAmount {
  const baseAmount = nonNegativeCents(pricing.amount, "subscription amount");
  const cyclesCharged = count(pricing.cyclesCharged, "cycles charged");
  const ahead = count(chargesAhead, "charges ahead");
  const apply = (list: readonly RecurringAdjustment[] | null | undefined): AppliedAdjustment[] =>
    (list ?? [])
      .filter((a) => adjustmentActive(a, cyclesCharged, ahead))
      .map((a) => ({
        ...(a.id !== undefined ? { id: a.id } : {}),
        ...(a.name !== undefined ? { name: a.name } : {}),
        amount: adjustmentValue(a, baseAmount),
      }));
  const addOns = apply(pricing.addOns);
  const discounts = apply(pricing.discounts);
  const totalAddOns = sumCents(addOns.map((a) => a.amount));
  const totalDiscounts = sumCents(discounts.map((a) => a.amount));
  return {
    baseAmount,
    addOns,
    discounts,
    totalAddOns,
    totalDiscounts,
    amount: Math.max(0, subtractCents(addCents(baseAmount, totalAddOns), totalDiscounts)),
  };
}

export interface AdjustmentOverride {
  name?: string;
  description?: string;
  amount?: Cents | null;
  percentage?: number | null;
  duration?: number | null;
}

/**
 * A catalog add-on/discount as attached to a plan or subscription with the seed's per-attachment overrides
 * (what the plan form shows live): an amount override makes a percentage item a fixed one and vice versa,
 * as the gateway does when it snapshots the item.
 */
export function applyOverrides<T extends RecurringAdjustment>(
  item: T,
  override: AdjustmentOverride = {},
): T & { description?: string } {
  let { amount, percentage } = item;
  if (override.amount !== null && override.amount !== undefined) {
    amount = override.amount;
    percentage = null;
  } else if (override.percentage !== null && override.percentage !== undefined) {
    percentage = override.percentage;
    amount = null;
  }
  return {
    ...item,
    ...(override.name !== undefined ? { name: override.name } : {}),
    ...(override.description !== undefined ? { description: override.description } : {}),
    amount,
    percentage,
    duration: override.duration ?? item.duration,
  };
}
