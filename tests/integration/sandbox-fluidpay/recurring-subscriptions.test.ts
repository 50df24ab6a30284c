import { beforeAll, describe, expect, it } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { setup } from "./helpers";
import { addDaysTo, clockNow, createCustomer, dataOf, today, type Customer } from "./recurring-helpers";

const env = openForFile(() => setup("recurring subscriptions"));
const other = openForFile(() => setup("recurring subscriptions (other)"));
let customer: Customer;
let planId: string;
let addOnId: string;
let todayStr: string;
beforeAll(async () => {
  customer = await createCustomer(env);
  addOnId = dataOf<{ id: string }>(await env.api("POST", "/api/recurring/addon", { name: "Extra", amount: 250 })).id;
  planId = dataOf<{ id: string }>(
    await env.api("POST", "/api/recurring/plan", {
      name: "Basic",
      amount: 1500,
      billing_cycle_interval: 1,
      billing_frequency: "monthly",
      billing_days: "1",
      add_ons: [{ id: addOnId }],
    }),
  ).id;
  todayStr = today(await clockNow(env));
});

type Sub = Record<string, unknown> & { id: string; status: string; next_bill_date: string };

const subscribe = (body: Record<string, unknown> = {}) =>
  env.api("POST", "/api/recurring/subscription", {
    plan_id: planId,
    description: "test subscription",
    customer: { id: customer.id },
    next_bill_date: addDaysTo(todayStr, 10),
    ...body,
  });

describe("/api/recurring/subscription", () => {
  it("creates from a plan: the plan's terms and add-ons, status active, the documented fields", async () => {
    const r = await subscribe();
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const s = dataOf<Sub>(r);
    expect(s).toMatchObject({
      plan_id: planId,
      plan_name: "Basic",
      status: "active",
      description: "test subscription",
      amount: 1500,
      currency: "USD",
      total_adds: 250,
      total_discounts: 0,
      billing_cycle_interval: 1,
      billing_frequency: "monthly",
      billing_days: "1",
      duration: 0,
      next_bill_date: addDaysTo(todayStr, 10),
      discounts: null,
      charge_on_day: false,
      shared: false,
    });
    expect(s.customer).toEqual({
      id: customer.id,
      payment_method_type: "",
      payment_method_id: "",
      billing_address_id: "",
      shipping_address_id: "",
    });
    expect((s.add_ons as { id: string }[])[0]?.id).toBe(addOnId);
    for (const k of ["id", "plan_id", "processor_id", "expiration_date", "events", "created_at", "updated_at"]) {
      expect(s).toHaveProperty(k);
    }
    const g = await env.api("GET", `/api/recurring/subscription/${s.id}`);
    expect(dataOf(g)).toEqual(s);
  });

  it("request terms override the plan; add_ons [] removes the plan's add-ons", async () => {
    const r = await subscribe({ amount: 999, billing_frequency: "twice_monthly", billing_days: "1,15", add_ons: [] });
    expect(r.status).toBe(200);
    expect(dataOf(r)).toMatchObject({
      amount: 999,
      billing_frequency: "twice_monthly",
      billing_days: "1,15",
      add_ons: null,
    });
  });

  it("creates a custom subscription (no plan) for a named payment method", async () => {
    const r = await env.api("POST", "/api/recurring/subscription", {
      customer: { id: customer.id, payment_method_type: "card", payment_method_id: customer.payment_method_id },
      amount: 700,
      billing_cycle_interval: 2,
      billing_frequency: "monthly",
      billing_days: "0",
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const s = dataOf<Sub>(r);
    expect(s.plan_id).toBe("");
    // Without next_bill_date: the first billing day on or after today (day 0 = this month's last day).
    expect(s.next_bill_date.slice(0, 7)).toBe(todayStr.slice(0, 7));
    expect(s.next_bill_date >= todayStr).toBe(true);
  });

  it.each([
    [{ customer: {} }, /invalid customer\.id: is required/],
    [{ customer: { id: "nosuchcustomer000000" } }, /invalid customer\.id: customer not found/],
    [{ customer: { id: "CUST", payment_method_type: "card" } }, /invalid customer\.(id|payment_method_id)/],
    [{ plan_id: "nosuchplan" }, /invalid plan_id: plan not found/],
    [{ next_bill_date: "2001-01-01" }, /invalid next_bill_date: must be today or later/],
    [{ next_bill_date: "2027-02-30" }, /invalid next_bill_date/],
    [{ billing_days: "0,31" }, /invalid billing_days: monthly needs exactly one day/],
    [{ billing_frequency: "twice_monthly", billing_days: "1" }, /invalid billing_days: twice_monthly/],
    [{ add_ons: [{ id: "nope" }] }, /invalid add_ons\[0\]\.id/],
    [{ amount: -5 }, /invalid amount/],
  ])("rejects %j with a 400 naming the field", async (patch, msg) => {
    const body = JSON.parse(JSON.stringify(patch).replaceAll("CUST", customer.id)) as Record<string, unknown>;
    const r = await subscribe(body);
    expect(r.status).toBe(400);
    expect(r.json.status).toBe("failed");
    expect(r.json.msg).toMatch(msg);
  });

  it("rejects a payment method that is not the customer's", async () => {
    const r = await subscribe({
      customer: { id: customer.id, payment_method_type: "card", payment_method_id: "notmine0000000000000" },
    });
    expect(r.status).toBe(400);
    expect(r.json.msg).toMatch(/invalid customer\.payment_method_id/);
  });

  it("a customer of another account does not exist here", async () => {
    const r = await other.api("POST", "/api/recurring/subscription", {
      customer: { id: customer.id },
      amount: 100,
      billing_cycle_interval: 1,
      billing_days: "1",
    });
    expect(r.status).toBe(400);
    expect(r.json.msg).toMatch(/customer not found/);
  });

  it("updates by merging and keeps unspecified terms", async () => {
    const s = dataOf<Sub>(await subscribe());
    const r = await env.api("POST", `/api/recurring/subscription/${s.id}`, {
      amount: 1234,
      next_bill_date: addDaysTo(todayStr, 3),
    });
    expect(r.status).toBe(200);
    expect(dataOf(r)).toMatchObject({
      id: s.id,
      amount: 1234,
      plan_id: planId,
      next_bill_date: addDaysTo(todayStr, 3),
    });
    const bad = await env.api("POST", `/api/recurring/subscription/${s.id}`, { billing_days: "40" });
    expect(bad.status).toBe(400);
  });

  it("has no subscription search (not in seed 003): 404 like any unknown subscription", async () => {
    const r = await env.api("POST", "/api/recurring/subscription/search", { limit: 2 });
    expect(r.status).toBe(404);
  });

  it("deletes, then 404 for get/update/delete/status", async () => {
    const s = dataOf<Sub>(await subscribe());
    const d = await env.api("DELETE", `/api/recurring/subscription/${s.id}`);
    expect(d.json).toMatchObject({ status: "success", data: null });
    expect((await env.api("GET", `/api/recurring/subscription/${s.id}`)).status).toBe(404);
    expect((await env.api("POST", `/api/recurring/subscription/${s.id}`, { amount: 1 })).status).toBe(404);
    expect((await env.api("DELETE", `/api/recurring/subscription/${s.id}`)).status).toBe(404);
    expect((await env.api("GET", `/api/recurring/subscription/${s.id}/status/paused`)).status).toBe(404);
  });
});

describe("/api/recurring/subscription/{id}/status/{status}", () => {
  const status = (id: string, to: string, query = "") =>
    env.api("GET", `/api/recurring/subscription/${id}/status/${to}${query}`);

  it("pauses, marks past due, activates with a next_bill_date, completes; refuses what the status forbids", async () => {
    const s = dataOf<Sub>(await subscribe());
    const paused = await status(s.id, "paused");
    expect(paused.status).toBe(200);
    expect(dataOf<Sub>(paused).status).toBe("paused");
    expect(dataOf<Sub>(await status(s.id, "paused")).status).toBe("paused"); // same status: no-op
    expect(dataOf<Sub>(await status(s.id, "past_due")).status).toBe("past_due");
    const next = addDaysTo(todayStr, 20);
    const active = await status(s.id, "active", `?next_bill_date=${next}`);
    expect(active.status).toBe(200);
    expect(dataOf<Sub>(active)).toMatchObject({ status: "active", next_bill_date: next });
    expect(dataOf<Sub>(await status(s.id, "completed")).status).toBe("completed");
    const pause = await status(s.id, "paused");
    expect(pause.status).toBe(400);
    expect(pause.json.msg).toMatch(/invalid status: cannot change a completed subscription to paused/);
  });

  it("cancels and re-activates (as the seed's examples do on one subscription)", async () => {
    const s = dataOf<Sub>(await subscribe());
    expect(dataOf<Sub>(await status(s.id, "cancelled")).status).toBe("cancelled");
    const pd = await status(s.id, "past_due");
    expect(pd.status).toBe(400);
    const again = await status(s.id, "active");
    expect(dataOf<Sub>(again)).toMatchObject({ status: "active", next_bill_date: s.next_bill_date });
  });

  it("validates the status and the next_bill_date", async () => {
    const s = dataOf<Sub>(await subscribe());
    const bad = await status(s.id, "sleeping");
    expect(bad.status).toBe(400);
    expect(bad.json.msg).toMatch(/invalid status/);
    await status(s.id, "paused");
    const past = await status(s.id, "active", "?next_bill_date=2001-01-01");
    expect(past.status).toBe(400);
    expect(past.json.msg).toMatch(/invalid next_bill_date/);
    const junk = await status(s.id, "active", "?next_bill_date=tomorrow");
    expect(junk.status).toBe(400);
  });
});
