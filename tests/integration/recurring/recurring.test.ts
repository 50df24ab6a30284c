import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { getRecurringMetrics } from "@/db/queries/recurring-metrics";
import { getSubscription, listSubscriptionCharges } from "@/db/queries/subscriptions";
import { auditLog } from "@/db/schema";
import {
  changeSubscriptionStatusAction,
  createSubscriptionAction,
  deleteAddOnAction,
  saveAddOnAction,
  saveDiscountAction,
  savePlanAction,
} from "@/lib/actions/recurring";
import { runAsSession } from "@/lib/auth/session";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { connectSandbox } from "@/tests/helpers/sandbox-merchant";
import { addCalendarDays, formatIsoDate, parseIsoDate } from "@/lib/recurring/calendar-date";
import { syncMerchantSubscriptions } from "@/lib/sync/subscriptions";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import type { Served } from "@/tests/helpers/serve";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

let served: Served;
let t: Tenants;
let apiKey: string;

beforeAll(async () => {
  // Sandbox and webhook receiver on one origin, so billing's webhooks reach the transactions cache.
  served = await servePortalOrigin();
  t = await makeTenants("fluidpay");
  const p = await connectSandbox(t.merchantA, "Recurring Test", "fluidpay");
  const creds = p.credentials.gateway;
  if (creds.family !== "fluidpay") throw new Error("expected a gateway merchant");
  apiKey = creds.apiKey;
});
afterAll(async () => {
  await served.close();
  await closeDb();
});

const asAdmin = <T>(fn: () => Promise<T>) => runAsSession(t.adminA.claims, fn);

async function clock(advanceSeconds?: number): Promise<string> {
  const res = await fetch(`${served.url}/sandbox/gateway/_control/clock`, {
    method: advanceSeconds === undefined ? "GET" : "POST",
    headers: { authorization: apiKey, "content-type": "application/json" },
    body: advanceSeconds === undefined ? undefined : JSON.stringify({ advance_seconds: advanceSeconds }),
  });
  const json = (await res.json()) as { data: { now: string } };
  return json.data.now.slice(0, 10);
}

async function vaultCustomer(card: string) {
  const gateway = await gatewayForMerchant(t.merchantA);
  return gateway.vault.createCustomer({
    description: `Subscriber ${card.slice(-4)}`,
    paymentMethod: { kind: "card", number: card, expiration: "12/30" },
    billingAddress: {
      firstName: "Dana",
      lastName: `Card${card.slice(-4)}`,
      email: `dana${card.slice(-4)}@example.test`,
    },
  });
}

async function audits(action: string, targetId: string) {
  return getDb()
    .select({ id: auditLog.id, actor: auditLog.actorUserId })
    .from(auditLog)
    .where(and(eq(auditLog.merchantId, t.merchantA), eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
}

function formOf(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ merchantId: t.merchantA, ...fields })) fd.set(k, v);
  return fd;
}

describe("recurring input rules", () => {
  it("answers field errors, never a 500, for both amount and percentage, 0.05%, day 32 and one twice-monthly day", async () => {
    const both = await asAdmin(() =>
      saveAddOnAction(null, formOf({ name: "Both", amount: "5.00", percentage: "10", duration: "0" })),
    );
    expect(both).toMatchObject({ ok: false, code: "invalid" });
    if (both.ok) return;
    expect(both.fieldErrors?.amount?.[0]).toMatch(/either an amount or a percentage/i);
    expect(both.fieldErrors?.percentage?.[0]).toMatch(/either an amount or a percentage/i);

    const tiny = await asAdmin(() => saveDiscountAction(null, formOf({ name: "Tiny", percentage: "0.05" })));
    expect(tiny).toMatchObject({ ok: false, code: "invalid" });
    if (tiny.ok) return;
    expect(tiny.fieldErrors?.percentage?.[0]).toMatch(/0\.1% and 100%/);

    const plan = (billingFrequency: string, billingDays: string) =>
      asAdmin(() =>
        savePlanAction({
          merchantId: t.merchantA,
          name: "Bad plan",
          amount: "20.00",
          billingFrequency,
          billingCycleInterval: "1",
          billingDays,
          duration: "0",
        }),
      );
    const day32 = await plan("monthly", "32");
    expect(day32).toMatchObject({ ok: false, code: "invalid" });
    if (day32.ok) return;
    expect(day32.fieldErrors?.billingDays?.[0]).toMatch(/1 to 31, or 0/);

    const oneDay = await plan("twice_monthly", "15");
    expect(oneDay).toMatchObject({ ok: false, code: "invalid" });
    if (oneDay.ok) return;
    expect(oneDay.fieldErrors?.billingDays?.[0]).toMatch(/exactly two days/);

    // Nothing reached the gateway.
    const gateway = await gatewayForMerchant(t.merchantA);
    expect((await gateway.recurring.plans.list()).some((p) => p.name === "Bad plan")).toBe(false);
  });

  it("creates, edits and deletes an add-on at the gateway with an audit row each", async () => {
    const created = await asAdmin(() =>
      saveAddOnAction(null, formOf({ name: "Setup", amount: "5.00", duration: "2" })),
    );
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const id = created.data.id;
    const edited = await asAdmin(() =>
      saveAddOnAction(null, formOf({ id, name: "Setup fee", percentage: "12.5", duration: "0" })),
    );
    expect(edited.ok).toBe(true);
    const gateway = await gatewayForMerchant(t.merchantA);
    expect(await gateway.recurring.addOns.get(id)).toMatchObject({
      name: "Setup fee",
      amount: null,
      percentage: 12500,
    });
    expect(await asAdmin(() => deleteAddOnAction({ merchantId: t.merchantA, id }))).toMatchObject({ ok: true });
    expect(await audits("add_on.create", id)).toHaveLength(1);
    expect(await audits("add_on.update", id)).toHaveLength(1);
    expect(await audits("add_on.delete", id)).toHaveLength(1);
  });
});

describe("subscriptions", () => {
  async function plan(): Promise<{ planId: string; addOnId: string; discountId: string }> {
    const addOn = await asAdmin(() => saveAddOnAction(null, formOf({ name: "Box", amount: "5.00", duration: "2" })));
    const discount = await asAdmin(() =>
      saveDiscountAction(null, formOf({ name: "Loyalty", percentage: "10", duration: "0" })),
    );
    if (!addOn.ok || !discount.ok) throw new Error("catalog not created");
    const p = await asAdmin(() =>
      savePlanAction({
        merchantId: t.merchantA,
        name: "Monthly box",
        amount: "20.00",
        billingFrequency: "monthly",
        billingCycleInterval: "1",
        billingDays: "1",
        duration: "0",
        addOns: [{ id: addOn.data.id }],
        discounts: [{ id: discount.data.id }],
      }),
    );
    if (!p.ok) throw new Error(`plan not created: ${JSON.stringify(p)}`);
    return { planId: p.data.id, addOnId: addOn.data.id, discountId: discount.data.id };
  }

  async function subscribe(card: string, nextBillDate: string) {
    const { planId, addOnId, discountId } = await plan();
    const customer = await vaultCustomer(card);
    const r = await asAdmin(() =>
      createSubscriptionAction({
        merchantId: t.merchantA,
        planId,
        customer: { id: customer.id, paymentMethodType: "card", paymentMethodId: customer.paymentMethods[0]!.id },
        amount: "20.00",
        billingFrequency: "monthly",
        billingCycleInterval: "1",
        billingDays: String(parseIsoDate(nextBillDate).day),
        duration: "0",
        nextBillDate,
        addOns: [{ id: addOnId }],
        discounts: [{ id: discountId }],
      }),
    );
    if (!r.ok) throw new Error(`subscription not created: ${JSON.stringify(r)}`);
    return { id: r.data.id, customer };
  }

  it("writes a new subscription through to the cache with an audit row", async () => {
    const today = await clock();
    const { id, customer } = await subscribe(
      "4111111111111111",
      formatIsoDate(addCalendarDays(parseIsoDate(today), 3)),
    );
    const row = await getSubscription({ merchantId: t.merchantA, subscriptionId: id });
    expect(row).toMatchObject({
      status: "active",
      amount: 2000,
      customerId: customer.id,
      customerName: "Dana Card1111",
      planName: "Monthly box",
      billingFrequency: "monthly",
    });
    expect(row?.addOns).toHaveLength(1);
    expect(row?.discounts).toHaveLength(1);
    expect(await audits("subscription.create", id)).toHaveLength(1);
  });

  it("moves a subscription on a decline card to failing, then past_due, and counts it at risk", async () => {
    const today = await clock();
    const start = formatIsoDate(addCalendarDays(parseIsoDate(today), 1));
    const { id } = await subscribe("4000000000000002", start);
    const before = await getRecurringMetrics({ merchantId: t.merchantA });

    await clock(2 * 86_400); // the first attempt fails
    await syncMerchantSubscriptions(t.merchantA);
    expect((await getSubscription({ merchantId: t.merchantA, subscriptionId: id }))?.status).toBe("failing");
    const failing = await getRecurringMetrics({ merchantId: t.merchantA });
    expect(failing.atRiskCount).toBe(before.atRiskCount + 1);
    // $20 + $5 add-on − 10% of $20: the unpaid cycle's amount.
    expect(failing.atRiskAmount).toBe(before.atRiskAmount + 2300);

    await clock(3 * 86_400); // retried daily; the third failure of the cycle stops it
    await syncMerchantSubscriptions(t.merchantA);
    const row = await getSubscription({ merchantId: t.merchantA, subscriptionId: id });
    expect(row?.status).toBe("past_due");
    expect(row?.nextBillDate).toBe(start);
    const after = await getRecurringMetrics({ merchantId: t.merchantA });
    expect(after.atRiskCount).toBe(before.atRiskCount + 1);
    expect(after.atRiskAmount).toBe(before.atRiskAmount + 2300);
    // The failed attempts reached the transactions cache through the sandbox's webhooks.
    const charges = await listSubscriptionCharges({ merchantId: t.merchantA, subscriptionId: id });
    expect(charges.length).toBeGreaterThanOrEqual(1);
    expect(charges.every((c) => !c.approved)).toBe(true);
  });

  it("allows only the transitions the status permits, and audits each one", async () => {
    const today = await clock();
    const { id } = await subscribe("4111111111111111", formatIsoDate(addCalendarDays(parseIsoDate(today), 5)));
    const change = (status: string, extra: Record<string, string> = {}) =>
      asAdmin(() => changeSubscriptionStatusAction({ merchantId: t.merchantA, subscriptionId: id, status, ...extra }));

    expect(await change("active")).toMatchObject({ ok: false, code: "conflict" });
    expect(await change("paused")).toMatchObject({ ok: true, data: { status: "paused" } });
    expect(await change("paused")).toMatchObject({ ok: false, code: "conflict" });
    expect(await change("past_due")).toMatchObject({ ok: true, data: { status: "past_due" } });
    expect(await change("cancelled")).toMatchObject({ ok: true, data: { status: "cancelled" } });
    expect(await change("paused")).toMatchObject({ ok: false, code: "conflict" });
    expect(await change("cancelled")).toMatchObject({ ok: false, code: "conflict" });
    const next = formatIsoDate(addCalendarDays(parseIsoDate(await clock()), 10));
    expect(await change("active", { nextBillDate: next })).toMatchObject({
      ok: true,
      data: { status: "active", nextBillDate: next },
    });
    expect(await change("completed")).toMatchObject({ ok: true, data: { status: "completed" } });
    expect(await change("past_due")).toMatchObject({ ok: false, code: "conflict" });
    expect(await change("bogus")).toMatchObject({ ok: false, code: "invalid" });

    for (const action of ["pause", "past_due", "cancel", "activate", "complete"]) {
      const rows = await audits(`subscription.${action}`, id);
      expect(rows, action).toHaveLength(1);
      expect(rows[0]?.actor).toBe(t.adminA.id);
    }
    const row = await getSubscription({ merchantId: t.merchantA, subscriptionId: id });
    expect(row?.status).toBe("completed");
  });

  it("counts MRR, active and churn from the cache, and sync drops what the gateway deleted", async () => {
    const before = await getRecurringMetrics({ merchantId: t.merchantA });
    const today = await clock();
    const { id } = await subscribe("4111111111111111", formatIsoDate(addCalendarDays(parseIsoDate(today), 7)));
    const active = await getRecurringMetrics({ merchantId: t.merchantA });
    // Next charge $20 + $5 − $2 = $23, once a month.
    expect(active.mrr).toBe(before.mrr + 2300);
    expect(active.activeCount).toBe(before.activeCount + 1);

    const cancelled = await asAdmin(() =>
      changeSubscriptionStatusAction({ merchantId: t.merchantA, subscriptionId: id, status: "cancelled" }),
    );
    expect(cancelled.ok).toBe(true);
    const churned = await getRecurringMetrics({ merchantId: t.merchantA });
    expect(churned.mrr).toBe(before.mrr);
    expect(churned.activeCount).toBe(before.activeCount);
    expect(churned.churnedThisMonth).toBe(before.churnedThisMonth + 1);

    const gateway = await gatewayForMerchant(t.merchantA);
    await gateway.recurring.subscriptions.delete(id);
    const result = await syncMerchantSubscriptions(t.merchantA);
    expect(result.deleted).toBe(1);
    expect(await getSubscription({ merchantId: t.merchantA, subscriptionId: id })).toBeNull();
    const synced = await getRecurringMetrics({ merchantId: t.merchantA });
    expect(synced.churnedThisMonth).toBe(before.churnedThisMonth);
  });

  it("is refused to a user of another merchant", async () => {
    const r = await runAsSession(t.adminB.claims, () =>
      changeSubscriptionStatusAction({ merchantId: t.merchantA, subscriptionId: "x", status: "paused" }),
    );
    expect(r).toMatchObject({ ok: false, code: "not_found" });
  });
});
