import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type Served } from "@/tests/helpers/serve";
import { setup, type Env } from "./helpers";
import {
  addDaysTo,
  advanceDays,
  advanceTo,
  clockNow,
  createCustomer,
  dataOf,
  subscriptionTransactions,
  today,
} from "./recurring-helpers";

/**
 * The billing engine over real HTTP: subscriptions charge as the account's simulated clock advances.
 * Each scenario gets its own account so clocks do not interfere.
 */

type Sub = Record<string, unknown> & { id: string; status: string; next_bill_date: string };

const envs: Env[] = [];
async function account(name: string) {
  const env = await setup(name);
  envs.push(env);
  return env;
}
afterAll(async () => {
  for (const e of envs) await e.s.close();
});

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

async function subscribe(env: Env, body: Record<string, unknown>): Promise<Sub> {
  const r = await env.api("POST", "/api/recurring/subscription", body);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return dataOf<Sub>(r);
}

const getSub = async (env: Env, id: string) => dataOf<Sub>(await env.api("GET", `/api/recurring/subscription/${id}`));

describe("billing engine acceptance", () => {
  it('a subscription billed on day "0" from January 31 charges on Feb 28/29, Mar 31, Apr 30', async () => {
    const env = await account("billing day 0");
    const customer = await createCustomer(env);
    const now = await clockNow(env);
    // The next January 31 on the account's clock (so the test holds whatever the real date is).
    let year = now.getUTCFullYear();
    if (today(now) >= `${year}-01-31`) year += 1;
    const jan31 = `${year}-01-31`;
    const sub = await subscribe(env, {
      customer: { id: customer.id },
      amount: 1000,
      billing_cycle_interval: 1,
      billing_frequency: "monthly",
      billing_days: "0",
      next_bill_date: jan31,
    });
    const feb = `${year}-02-${isLeap(year) ? 29 : 28}`;
    const expected = [jan31, feb, `${year}-03-31`, `${year}-04-30`];
    for (const [i, date] of expected.entries()) {
      await advanceTo(env, date);
      const txns = await subscriptionTransactions(env, sub.id);
      expect(txns.map((t) => t.created_at.slice(0, 10))).toEqual(expected.slice(0, i + 1));
      expect(txns.every((t) => t.amount === 1000 && t.transaction_source === "recurring")).toBe(true);
      expect((await getSub(env, sub.id)).next_bill_date).toBe(expected[i + 1] ?? `${year}-05-31`);
    }
  });

  it("$20 monthly plan + $5 add-on for 2 cycles + 10% discount forever charges $23.00, $23.00, $18.00", async () => {
    const env = await account("billing 23 23 18");
    const customer = await createCustomer(env);
    const addOn = dataOf<{ id: string }>(
      await env.api("POST", "/api/recurring/addon", { name: "Setup", amount: 500, duration: 2 }),
    );
    const discount = dataOf<{ id: string }>(
      await env.api("POST", "/api/recurring/discount", { name: "Ten off", percentage: 10_000, duration: 0 }),
    );
    const start = addDaysTo(today(await clockNow(env)), 1);
    const plan = dataOf<{ id: string; total_add_ons: number; total_discounts: number }>(
      await env.api("POST", "/api/recurring/plan", {
        name: "Twenty",
        amount: 2000,
        billing_cycle_interval: 1,
        billing_frequency: "monthly",
        billing_days: String(Number(start.slice(8, 10))),
        add_ons: [{ id: addOn.id }],
        discounts: [{ id: discount.id }],
      }),
    );
    expect([plan.total_add_ons, plan.total_discounts]).toEqual([500, 200]);
    const sub = await subscribe(env, { plan_id: plan.id, customer: { id: customer.id }, next_bill_date: start });
    const afterThird = addDaysTo(start, 62);
    await advanceTo(env, afterThird);
    const txns = await subscriptionTransactions(env, sub.id);
    expect(txns.map((t) => t.amount)).toEqual([2300, 2300, 1800]);
    expect(txns.every((t) => t.status === "pending_settlement" || t.status === "settled")).toBe(true);
    expect(txns.map((t) => t.subscription_id)).toEqual([sub.id, sub.id, sub.id]);
    const s = await getSub(env, sub.id);
    expect(s.status).toBe("active");
    expect(s.next_bill_date > afterThird).toBe(true);
  });
});

describe("billing engine rules", () => {
  let hook: Served;
  const received: { type: string; signature: string | null; raw: string }[] = [];
  const SECRET = "whsec_recurring_test";
  beforeAll(async () => {
    hook = await serve(async (req) => {
      const raw = await req.text();
      received.push({ type: (JSON.parse(raw) as { type: string }).type, signature: req.headers.get("signature"), raw });
      return new Response("ok");
    });
  });
  afterAll(async () => {
    await hook.close();
  });

  it("declines: failing with daily retries, past_due after the 3rd, webhooks signed; re-activation resumes", async () => {
    const env = await account("billing declines");
    expect((await env.api("POST", "/_control/webhook", { url: `${hook.url}/hook`, secret: SECRET })).status).toBe(200);
    const customer = await createCustomer(env, "4000000000000002");
    const start = addDaysTo(today(await clockNow(env)), 1);
    const sub = await subscribe(env, {
      customer: { id: customer.id },
      amount: 4200,
      billing_cycle_interval: 1,
      billing_frequency: "monthly",
      billing_days: "1",
      next_bill_date: start,
    });
    await advanceTo(env, start);
    let s = await getSub(env, sub.id);
    expect(s.status).toBe("failing");
    expect(s.next_bill_date).toBe(start); // the unpaid cycle keeps its date
    await advanceTo(env, addDaysTo(start, 1));
    expect((await getSub(env, sub.id)).status).toBe("failing");
    await advanceTo(env, addDaysTo(start, 2));
    s = await getSub(env, sub.id);
    expect(s.status).toBe("past_due");
    await advanceTo(env, addDaysTo(start, 40));
    const txns = await subscriptionTransactions(env, sub.id);
    expect(txns.map((t) => [t.status, t.created_at.slice(0, 10)])).toEqual([
      ["declined", start],
      ["declined", addDaysTo(start, 1)],
      ["declined", addDaysTo(start, 2)],
    ]);
    const reactivated = dataOf<Sub>(await env.api("GET", `/api/recurring/subscription/${sub.id}/status/active`));
    expect(reactivated.status).toBe("active");
    expect(reactivated.next_bill_date >= addDaysTo(start, 40)).toBe(true); // missed cycles are not back-billed

    await expect.poll(() => received.filter((r) => r.type === "subscription_charge_fail").length).toBe(3);
    for (const r of received.filter((x) => x.type === "subscription_charge_fail")) {
      expect(r.signature).toBe(createHmac("sha256", SECRET).update(r.raw).digest("base64url"));
      const body = JSON.parse(r.raw) as { data: { subscription: Sub; transaction: { status: string } } };
      expect(body.data.subscription.id).toBe(sub.id);
      expect(body.data.transaction.status).toBe("declined");
    }
  });

  it("stops at duration (→ completed) and emits subscription_charge for each approved charge", async () => {
    const env = await account("billing duration");
    expect((await env.api("POST", "/_control/webhook", { url: `${hook.url}/ok`, secret: SECRET })).status).toBe(200);
    const customer = await createCustomer(env);
    const start = addDaysTo(today(await clockNow(env)), 1);
    const sub = await subscribe(env, {
      customer: { id: customer.id, payment_method_type: "card", payment_method_id: customer.payment_method_id },
      amount: 300,
      billing_cycle_interval: 2,
      billing_frequency: "daily",
      duration: 3,
      next_bill_date: start,
    });
    await advanceTo(env, addDaysTo(start, 10));
    const txns = await subscriptionTransactions(env, sub.id);
    expect(txns.map((t) => t.created_at.slice(0, 10))).toEqual([start, addDaysTo(start, 2), addDaysTo(start, 4)]);
    const s = await getSub(env, sub.id);
    expect(s.status).toBe("completed");
    const again = await env.api("GET", `/api/recurring/subscription/${sub.id}/status/active`);
    expect(again.status).toBe(400);
    expect(again.json.msg).toMatch(/full duration/);
    await expect
      .poll(() => received.filter((r) => r.type === "subscription_charge" && r.raw.includes(sub.id)).length)
      .toBe(3);
  });

  it("a paused subscription is not billed; a cycle discounted to $0 counts without a charge", async () => {
    const env = await account("billing paused and zero");
    const customer = await createCustomer(env);
    const all = dataOf<{ id: string }>(await env.api("POST", "/api/recurring/discount", { percentage: 100_000 }));
    const start = addDaysTo(today(await clockNow(env)), 1);
    const base = { customer: { id: customer.id }, amount: 500, billing_cycle_interval: 1, billing_frequency: "daily" };
    const paused = await subscribe(env, { ...base, next_bill_date: start });
    await env.api("GET", `/api/recurring/subscription/${paused.id}/status/paused`);
    const free = await subscribe(env, {
      ...base,
      duration: 2,
      next_bill_date: start,
      discounts: [{ id: all.id, duration: 1 }],
    });
    await advanceDays(env, 4);
    expect(await subscriptionTransactions(env, paused.id)).toEqual([]);
    const freeTxns = await subscriptionTransactions(env, free.id);
    expect(freeTxns.map((t) => [t.amount, t.created_at.slice(0, 10)])).toEqual([[500, addDaysTo(start, 1)]]);
    expect((await getSub(env, free.id)).status).toBe("completed");
  });

  it("a subscription whose payment method was removed goes to error without retries", async () => {
    const env = await account("billing error");
    const customer = await createCustomer(env);
    const start = addDaysTo(today(await clockNow(env)), 1);
    const sub = await subscribe(env, {
      customer: { id: customer.id, payment_method_type: "card", payment_method_id: customer.payment_method_id },
      amount: 100,
      billing_cycle_interval: 1,
      billing_frequency: "daily",
      next_bill_date: start,
    });
    const del = await env.api("DELETE", `/api/vault/customer/${customer.id}/card/${customer.payment_method_id}`);
    expect(del.status, JSON.stringify(del.json)).toBe(200);
    await advanceDays(env, 3);
    expect((await getSub(env, sub.id)).status).toBe("error");
    expect(await subscriptionTransactions(env, sub.id)).toEqual([]);
  });
});
