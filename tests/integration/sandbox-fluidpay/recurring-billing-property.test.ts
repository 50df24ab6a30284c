import fc from "fast-check";
import { expect, it } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { setup } from "./helpers";
import {
  addDaysTo,
  advanceTo,
  clockNow,
  createCustomer,
  dataOf,
  subscriptionTransactions,
  today,
} from "./recurring-helpers";

/**
 * Property over the real engine: random plans (every frequency, intervals, billing days including 0 and
 * 29/30/31, add-ons/discounts with their own durations, plan durations) billed for 24 cycles as the
 * clock advances ~25 months. The charges are checked against the documented rules, re-derived here
 * without the engine's code: dates strictly increase, land on the clamped billing day, keep the
 * interval, twice_monthly bills at most twice a month, durations stop billing, amounts follow
 * amount + active add-ons − active discounts with each percentage rounded half away from zero.
 */

interface Adj {
  amount: number | null;
  percentage: number | null;
  duration: number;
}
interface Case {
  frequency: "monthly" | "twice_monthly" | "daily";
  interval: number;
  days: number[];
  amount: number;
  duration: number;
  offset: number;
  addOns: Adj[];
  discounts: Adj[];
}

const day = fc.oneof(fc.constantFrom(0, 29, 30, 31), fc.integer({ min: 1, max: 31 }));
const adj = fc.oneof(
  fc.record({
    amount: fc.integer({ min: 1, max: 3000 }),
    percentage: fc.constant(null),
    duration: fc.integer({ min: 0, max: 4 }),
  }),
  fc.record({
    amount: fc.constant(null),
    percentage: fc.integer({ min: 100, max: 100_000 }),
    duration: fc.integer({ min: 0, max: 4 }),
  }),
);
// Bounded so 24 cycles fit in ~25 months of simulated time; daily plans always have a duration.
const schedule = fc.oneof(
  fc.record({
    frequency: fc.constant("monthly" as const),
    interval: fc.constant(1),
    days: fc.tuple(day).map((d) => [...d]),
  }),
  fc.record({
    frequency: fc.constant("twice_monthly" as const),
    interval: fc.integer({ min: 1, max: 2 }),
    days: fc
      .tuple(day, day)
      .filter(([a, b]) => a !== b)
      .map((d) => [...d]),
  }),
  fc.record({
    frequency: fc.constant("daily" as const),
    interval: fc.integer({ min: 1, max: 30 }),
    days: fc.constant<number[]>([]),
  }),
);
const cases: fc.Arbitrary<Case> = fc
  .record({
    schedule,
    amount: fc.integer({ min: 0, max: 50_000 }),
    duration: fc.integer({ min: 0, max: 24 }),
    offset: fc.integer({ min: 1, max: 28 }),
    addOns: fc.array(adj, { maxLength: 2 }),
    discounts: fc.array(adj, { maxLength: 2 }),
  })
  .map(({ schedule: s, ...rest }) => ({
    ...s,
    ...rest,
    duration: s.frequency === "daily" && rest.duration === 0 ? 24 : rest.duration,
  }));

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const resolve = (y: number, m: number, d: number) => (d === 0 || d > lastDay(y, m) ? lastDay(y, m) : d);
const ymd = (s: string) => s.split("-").map(Number) as [number, number, number];
const roundPct = (cents: number, thousandths: number) => Math.floor((cents * thousandths * 2 + 100_000) / 200_000);

const env = openForFile(() => setup("billing property"));

it("property: 24 cycles of random subscriptions follow the documented billing rules", async () => {
  const samples = fc.sample(cases, { numRuns: 14, seed: 20261121 });
  const customer = await createCustomer(env);
  const start = today(await clockNow(env));
  const subs: { c: Case; id: string; first: string }[] = [];
  for (const c of samples) {
    const attach = async (kind: "addon" | "discount", items: Adj[]) => {
      const out: { id: string }[] = [];
      for (const a of items) {
        const r = await env.api("POST", `/api/recurring/${kind}`, a);
        expect(r.status, JSON.stringify(r.json)).toBe(200);
        out.push({ id: dataOf<{ id: string }>(r).id });
      }
      return out;
    };
    const first = addDaysTo(start, c.offset);
    const r = await env.api("POST", "/api/recurring/subscription", {
      customer: { id: customer.id },
      amount: c.amount,
      billing_cycle_interval: c.interval,
      billing_frequency: c.frequency,
      billing_days: c.days.join(","),
      duration: c.duration,
      next_bill_date: first,
      add_ons: await attach("addon", c.addOns),
      discounts: await attach("discount", c.discounts),
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    subs.push({ c, id: dataOf<{ id: string }>(r).id, first });
  }

  await advanceTo(env, addDaysTo(start, 28 + 25 * 31));

  for (const { c, id, first } of subs) {
    const label = JSON.stringify(c);
    const txns = await subscriptionTransactions(env, id);
    // Cycles worth $0 bill without a transaction, so derive the expected amounts per cycle first.
    const cycles = Math.min(24, c.duration || 24);
    const value = (a: Adj) => a.amount ?? roundPct(c.amount, a.percentage ?? 0);
    const expected = Array.from({ length: cycles }, (_, i) => {
      const live = (a: Adj) => a.duration === 0 || i < a.duration;
      const add = c.addOns.filter(live).reduce((t, a) => t + value(a), 0);
      const off = c.discounts.filter(live).reduce((t, a) => t + value(a), 0);
      return Math.max(0, c.amount + add - off);
    });
    const charged = txns.slice(0, expected.filter((a) => a > 0).length);
    expect(
      charged.map((t) => t.amount),
      label,
    ).toEqual(expected.filter((a) => a > 0));
    if (c.duration > 0) expect(txns.length, label).toBe(expected.filter((a) => a > 0).length);
    else expect(txns.length, label).toBeGreaterThanOrEqual(expected.filter((a) => a > 0).length);

    const dates = txns.map((t) => t.created_at.slice(0, 10));
    if (expected[0]! > 0) expect(dates[0], label).toBe(first);
    for (let i = 1; i < dates.length; i++) {
      const prev = dates[i - 1]!;
      const cur = dates[i]!;
      expect(cur > prev, label).toBe(true);
      const [py, pm, pd] = ymd(prev);
      const [y, m, d] = ymd(cur);
      if (c.frequency === "daily") {
        const gap = (Date.UTC(y, m - 1, d) - Date.UTC(py, pm - 1, pd)) / 86_400_000;
        expect(gap % c.interval, label).toBe(0); // $0 cycles may leave gaps of whole intervals
        continue;
      }
      expect(
        c.days.map((bd) => resolve(y, m, bd)),
        label,
      ).toContain(d);
      const months = y * 12 + m - (py * 12 + pm);
      expect(months === 0 || months % c.interval === 0, label).toBe(true);
    }
    const perMonth = new Map<string, number>();
    for (const d of dates) perMonth.set(d.slice(0, 7), (perMonth.get(d.slice(0, 7)) ?? 0) + 1);
    if (c.frequency !== "daily") {
      expect(Math.max(0, ...perMonth.values()), label).toBeLessThanOrEqual(c.frequency === "monthly" ? 1 : 2);
    }
    const sub = dataOf<{ status: string }>(await env.api("GET", `/api/recurring/subscription/${id}`));
    expect(sub.status, label).toBe(c.duration > 0 ? "completed" : "active");
  }
}, 120_000);
