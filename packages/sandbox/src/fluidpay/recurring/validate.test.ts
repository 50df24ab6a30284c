import { describe, expect, it } from "vitest";
import { GatewayError } from "../core/envelope";
import { chargeIdempotencyKey } from "./billing";
import { parseBody } from "./parse-body";
import { adjustmentBody, parseBillingDays, planBody } from "./validate";

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return (err as GatewayError).message;
  }
  throw new Error("expected a GatewayError");
}

describe("recurring validation", () => {
  it("parses billing days per frequency", () => {
    expect(parseBillingDays("1", "monthly")).toEqual([1]);
    expect(parseBillingDays("0", "monthly")).toEqual([0]);
    expect(parseBillingDays("1, 15", "twice_monthly")).toEqual([1, 15]);
    expect(parseBillingDays(undefined, "daily")).toEqual([]);
    expect(message(() => parseBillingDays("32", "monthly"))).toMatch(/invalid billing_days: each day must be 0/);
    expect(message(() => parseBillingDays("1", "twice_monthly"))).toMatch(/twice_monthly needs two/);
    expect(message(() => parseBillingDays("1,2", "monthly"))).toMatch(/monthly needs exactly one/);
    expect(message(() => parseBillingDays("x", "monthly"))).toMatch(/invalid billing_days/);
    expect(message(() => parseBillingDays("", "monthly"))).toMatch(/is required/);
    expect(message(() => parseBillingDays("-1", "monthly"))).toMatch(/invalid billing_days/);
  });

  it("names nested fields in errors: add_ons[1].amount", () => {
    const msg = message(() => parseBody(planBody, { add_ons: [{ id: "a" }, { id: "b", amount: -3 }] }));
    expect(msg).toBe("bad request error: invalid add_ons[1].amount: must not be negative");
  });

  it("amount XOR percentage; percentage 0 or 0.1%..100%", () => {
    expect(message(() => parseBody(adjustmentBody, { amount: 1, percentage: 100 }))).toMatch(/not both/);
    expect(message(() => parseBody(adjustmentBody, { percentage: 99 }))).toMatch(/invalid percentage/);
    expect(parseBody(adjustmentBody, { percentage: 0 }).percentage).toBe(0);
    expect(message(() => parseBody(adjustmentBody, "nope"))).toMatch(/invalid request body/);
  });

  it("derives a stable UUID idempotency key per subscription cycle and attempt", () => {
    const k = chargeIdempotencyKey("acct", "sub", 3, 1);
    expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(chargeIdempotencyKey("acct", "sub", 3, 1)).toBe(k);
    expect(chargeIdempotencyKey("acct", "sub", 3, 2)).not.toBe(k);
    expect(chargeIdempotencyKey("acct", "sub", 4, 1)).not.toBe(k);
  });
});
