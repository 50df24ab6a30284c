import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sale, setup, type Env } from "./helpers";
import * as rh from "./recurring-helpers";

/**
 * Stored credentials on subscription charges (seed 003 "CIT - MIT", lines 497-500 and 602-606), over real HTTP:
 * the first charge is customer-initiated and stores the card; every renewal is merchant-initiated with the stored
 * card and names the first charge as `initial_transaction_id`.
 */

let env: Env;
beforeAll(async () => {
  env = await setup("stored credentials");
});
afterAll(async () => {
  await env.s.close();
});

describe("subscription charges carry the stored-credential fields", () => {
  it("first charge CIT + stored; renewals MIT + used + the first charge's id", async () => {
    const customer = await rh.createCustomer(env);
    const start = rh.addDaysTo(rh.today(await rh.clockNow(env)), 1);
    const r = await env.api("POST", "/api/recurring/subscription", {
      customer: { id: customer.id },
      amount: 1500,
      billing_cycle_interval: 1,
      billing_frequency: "daily",
      billing_days: "",
      next_bill_date: start,
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const sub = rh.dataOf<{ id: string }>(r);
    await rh.advanceTo(env, rh.addDaysTo(start, 2));
    const txns = await rh.subscriptionTransactions(env, sub.id);
    expect(txns).toHaveLength(3);
    const [first, ...renewals] = txns;
    expect(first).toMatchObject({
      initiated_by: "customer",
      stored_credential_indicator: "stored",
      card_on_file_indicator: "R",
      billing_method: "initial_recurring",
      initial_transaction_id: "",
      customer_id: customer.id,
    });
    for (const t of renewals) {
      expect(t).toMatchObject({
        initiated_by: "merchant",
        stored_credential_indicator: "used",
        card_on_file_indicator: "R",
        billing_method: "recurring",
        initial_transaction_id: first!.id,
      });
    }
    // The single transaction read returns the same record.
    const one = await env.api("GET", `/api/transaction/${renewals[1]!.id}`);
    expect(one.status).toBe(200);
    const read = rh.dataOf<Record<string, unknown> | Record<string, unknown>[]>(one);
    expect((Array.isArray(read) ? read[0] : read)?.initial_transaction_id).toBe(first!.id);
  });

  it("refuses an initial_transaction_id that is not one of the account's transactions", async () => {
    const bad = await env.api(
      "POST",
      "/api/transaction",
      sale(500, "4111111111111111", {
        initiated_by: "merchant",
        stored_credential_indicator: "used",
        initial_transaction_id: "nosuchtxn000000000000",
      }),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain("initial_transaction_id");
    const initial = await env.api(
      "POST",
      "/api/transaction",
      sale(500, "4111111111111111", { initiated_by: "customer", stored_credential_indicator: "stored" }),
    );
    expect(initial.status).toBe(200);
    const id = rh.dataOf<{ id: string }>(initial).id;
    const ok = await env.api(
      "POST",
      "/api/transaction",
      sale(500, "4111111111111111", {
        initiated_by: "merchant",
        stored_credential_indicator: "used",
        card_on_file_indicator: "R",
        initial_transaction_id: id,
      }),
    );
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(rh.dataOf<Record<string, unknown>>(ok)).toMatchObject({
      initiated_by: "merchant",
      initial_transaction_id: id,
    });
  });
});
