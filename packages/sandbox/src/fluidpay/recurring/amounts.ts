/**
 * Money math of the billing engine. Rounding rule (shared with the portal's totals module): amounts are
 * integer cents; every percentage product is rounded half away from zero to the cent at the point it is
 * computed — here once per add-on/discount percentage, always on the subscription amount.
 * Percentages are thousandths of a percent (10000 = 10%).
 */

const PERCENT_SCALE = 100_000n;

/** round_half_away_from_zero(cents × thousandths / 100000), exact (BigInt, no float). */
export function percentOf(cents: number, thousandths: number): number {
  if (!Number.isSafeInteger(cents) || !Number.isSafeInteger(thousandths)) {
    throw new RangeError("percentOf needs integer cents and thousandths");
  }
  const product = BigInt(cents) * BigInt(thousandths);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const rounded = (abs * 2n + PERCENT_SCALE) / (PERCENT_SCALE * 2n);
  return Number(negative ? -rounded : rounded);
}

export interface Adjustment {
  id: string;
  amount: number | null;
  percentage: number | null;
  /** Number of charged cycles it applies to; 0 = until cancelled. */
  duration: number;
}

/** The cents an add-on or discount is worth on a subscription amount. */
export function adjustmentValue(subscriptionAmount: number, a: Adjustment): number {
  if (a.amount !== null) return a.amount;
  if (a.percentage !== null) return percentOf(subscriptionAmount, a.percentage);
  return 0;
}

/**
 * Durations count charged cycles of the subscription: an item with duration N applies to the
 * subscription's charges number 1..N (cyclesCharged = charges already approved before this one).
 */
export function isActive(a: Adjustment, cyclesCharged: number): boolean {
  return a.duration === 0 || cyclesCharged < a.duration;
}

export interface CycleAmount {
  amount: number;
  addOns: number;
  discounts: number;
}

/** amount + active add-ons − active discounts, floored at 0. */
export function cycleAmount(
  subscriptionAmount: number,
  addOns: Adjustment[],
  discounts: Adjustment[],
  cyclesCharged: number,
): CycleAmount {
  const sum = (items: Adjustment[]) =>
    items.filter((a) => isActive(a, cyclesCharged)).reduce((t, a) => t + adjustmentValue(subscriptionAmount, a), 0);
  const add = sum(addOns);
  const off = sum(discounts);
  return { amount: Math.max(0, subscriptionAmount + add - off), addOns: add, discounts: off };
}

/** Totals shown on plans/subscriptions: every attached item, ignoring durations. */
export function totalOf(subscriptionAmount: number, items: Adjustment[]): number {
  return items.reduce((t, a) => t + adjustmentValue(subscriptionAmount, a), 0);
}
