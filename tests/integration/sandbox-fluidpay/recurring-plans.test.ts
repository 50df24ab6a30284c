import { beforeAll, describe, expect, it } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { setup } from "./helpers";
import { dataOf } from "./recurring-helpers";

const env = openForFile(() => setup("recurring plans"));
let addOnId: string;
let pctAddOnId: string;
let discountId: string;
beforeAll(async () => {
  addOnId = dataOf<{ id: string }>(await env.api("POST", "/api/recurring/addon", { name: "Support", amount: 100 })).id;
  pctAddOnId = dataOf<{ id: string }>(
    await env.api("POST", "/api/recurring/addon", { name: "Pct", percentage: 10_000 }),
  ).id;
  discountId = dataOf<{ id: string }>(
    await env.api("POST", "/api/recurring/discount", { name: "Loyalty", description: "base", amount: 50 }),
  ).id;
});

type Plan = Record<string, unknown> & {
  id: string;
  add_ons: Record<string, unknown>[] | null;
  discounts: Record<string, unknown>[] | null;
};

const base = {
  name: "Gold",
  amount: 100,
  billing_cycle_interval: 1,
  billing_frequency: "twice_monthly",
  billing_days: "1,15",
};

describe("/api/recurring/plan", () => {
  it("creates a plan with add-ons and discounts, overrides applied, totals added (seed example numbers)", async () => {
    const r = await env.api("POST", "/api/recurring/plan", {
      ...base,
      description: "just a simple test plan",
      add_ons: [{ id: addOnId, description: "this will add to the cost of the subscription" }],
      discounts: [{ id: discountId, name: "test discount", duration: 3 }],
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const p = dataOf<Plan>(r);
    expect(p).toMatchObject({
      name: "Gold",
      description: "just a simple test plan",
      amount: 100,
      billing_cycle_interval: 1,
      billing_frequency: "twice_monthly",
      billing_days: "1,15",
      total_add_ons: 100,
      total_discounts: 50,
      duration: 0,
    });
    expect(p.add_ons?.[0]).toMatchObject({
      id: addOnId,
      name: "Support",
      description: "this will add to the cost of the subscription",
      amount: 100,
      percentage: null,
      duration: 0,
      created_at: null,
    });
    expect(p.discounts?.[0]).toMatchObject({ id: discountId, name: "test discount", description: "base", duration: 3 });
  });

  it("computes percentage totals on the plan amount, and an amount override replaces a percentage", async () => {
    const r = await env.api("POST", "/api/recurring/plan", {
      ...base,
      amount: 2005,
      billing_frequency: "monthly",
      billing_days: "0",
      add_ons: [{ id: pctAddOnId }, { id: pctAddOnId, amount: 7 }],
    });
    expect(r.status).toBe(200);
    const p = dataOf<Plan>(r);
    expect(p.total_add_ons).toBe(201 + 7); // 200.5 → 201
    expect(p.add_ons?.[1]).toMatchObject({ amount: 7, percentage: null });
    expect(p.discounts).toBeNull();
  });

  it.each([
    [{ billing_days: "32" }, /invalid billing_days: each day must be 0/],
    [{ billing_days: "15" }, /invalid billing_days: twice_monthly needs two/],
    [{ billing_days: "5,5" }, /invalid billing_days: the two days must differ/],
    [{ billing_frequency: "monthly", billing_days: "1,15" }, /invalid billing_days: monthly needs exactly one/],
    [{ billing_days: null }, /invalid billing_days: is required/],
    [{ billing_frequency: "weekly" }, /invalid billing_frequency/],
    [{ billing_cycle_interval: 0 }, /invalid billing_cycle_interval: must be at least 1/],
    [{ billing_cycle_interval: undefined }, /invalid billing_cycle_interval: is required/],
    [{ name: undefined }, /invalid name: is required/],
    [{ amount: undefined }, /invalid amount: is required/],
    [{ amount: "10" }, /invalid amount/],
    [{ add_ons: [{ id: "nope" }] }, /invalid add_ons\[0\]\.id: add-on not found/],
    [{ discounts: [{ id: "x", amount: 1, percentage: 100 }] }, /invalid discounts\[0\]\.percentage/],
    [{ add_ons: [{}] }, /invalid add_ons\[0\]\.id/],
  ])("rejects %j with a 400 naming the field", async (patch, msg) => {
    const r = await env.api("POST", "/api/recurring/plan", { ...base, ...patch });
    expect(r.status).toBe(400);
    expect(r.json.msg).toMatch(msg);
  });

  it("daily plans need no billing days", async () => {
    const r = await env.api("POST", "/api/recurring/plan", {
      ...base,
      billing_frequency: "daily",
      billing_days: undefined,
    });
    expect(r.status).toBe(200);
    expect(dataOf<Plan>(r).billing_days).toBe("");
  });

  it("normalises spaces in billing days ('1, 15' → '1,15')", async () => {
    const r = await env.api("POST", "/api/recurring/plan", { ...base, billing_days: "1, 15" });
    expect(dataOf<Plan>(r).billing_days).toBe("1,15");
  });

  it("gets, lists, updates (merge) and deletes", async () => {
    const p = dataOf<Plan>(await env.api("POST", "/api/recurring/plan", { ...base, name: "Lifecycle" }));
    const g = await env.api("GET", `/api/recurring/plan/${p.id}`);
    expect(dataOf(g)).toEqual(p);
    const l = await env.api("GET", "/api/recurring/plans");
    expect(l.status).toBe(200);
    expect(l.json.total_count).toBe((l.json.data as unknown[]).length);
    expect((l.json.data as Plan[]).map((x) => x.id)).toContain(p.id);
    const u = await env.api("POST", `/api/recurring/plan/${p.id}`, {
      billing_frequency: "monthly",
      billing_days: "0",
      amount: 999,
    });
    expect(u.status).toBe(200);
    expect(dataOf(u)).toMatchObject({
      name: "Lifecycle",
      amount: 999,
      billing_frequency: "monthly",
      billing_days: "0",
    });
    const bad = await env.api("POST", `/api/recurring/plan/${p.id}`, { billing_frequency: "twice_monthly" });
    expect(bad.status).toBe(400);
    const d = await env.api("DELETE", `/api/recurring/plan/${p.id}`);
    expect(d.json).toMatchObject({ status: "success", data: null });
    expect((await env.api("GET", `/api/recurring/plan/${p.id}`)).status).toBe(404);
    expect((await env.api("POST", `/api/recurring/plan/${p.id}`, { amount: 1 })).status).toBe(404);
    expect((await env.api("DELETE", `/api/recurring/plan/${p.id}`)).status).toBe(404);
  });

  it("refuses a public key", async () => {
    expect((await env.api("GET", "/api/recurring/plans", undefined, env.publicKey)).status).toBe(401);
  });
});
