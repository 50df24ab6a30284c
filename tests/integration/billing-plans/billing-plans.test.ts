import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import {
  cancelBillingPaymentAction,
  cancelBillingPlanAction,
  createBillingPlanAction,
  markBillingPaymentPaidAction,
} from "@/lib/actions/billing-plans";
import { authorize } from "@/lib/auth/guard";
import { runAsSession, type SessionClaims } from "@/lib/auth/session";
import { getBillingPlanDetail, listBillingPlansPage } from "@/lib/services/billing-plans";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";
import { serveBoardingOrigin } from "../boarding/origin";
import { inDays, provisionCardPointe, vaultCustomer } from "./setup";
import { openForFile } from "@/tests/helpers/for-file";

/**
 * CoPilot billing plans from the merchant's recurring section, over real HTTP against the served CoPilot and
 * CardPointe sandboxes: the partner's CoPilot user is provisioned on first use, plans are filed under the
 * merchant's CardPointe MID on one of its vault profiles.
 */

let t: Tenants;
let customer: { profileId: string; acctId: string };
let mid = "";
const origin = openForFile(serveBoardingOrigin);
beforeAll(async () => {
  t = await makeTenants("cardpointe");
  const p = await provisionCardPointe(t.merchantA);
  mid = p.mid;
  customer = await vaultCustomer(origin.url, t.merchantA, p.site);
});

const as = <T>(claims: SessionClaims, fn: () => Promise<T>) => runAsSession(claims, fn);
const ctxOf = (claims: SessionClaims, merchantId: string) =>
  as(claims, () => authorize(undefined, { merchantId }, "merchant:view"));

function planForm(over: Record<string, unknown> = {}) {
  return {
    merchantId: t.merchantA,
    customerId: customer.profileId,
    acctId: customer.acctId,
    name: "Tool rental",
    amount: "49.99",
    interval: "monthly",
    every: "1",
    startDate: inDays(2),
    untilKind: "payments",
    untilCount: "3",
    emailReceipt: "on",
    ...over,
  };
}

async function audits(action: string, targetId: string) {
  return getDb()
    .select({ actor: auditLog.actorUserId, merchantId: auditLog.merchantId, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
}

describe("CoPilot billing plans on a CardPointe merchant", () => {
  let planId = "";

  it("creates a plan on a vault profile: CoPilot computes the schedule, amounts come back in cents, audited", async () => {
    const r = await as(t.adminA.claims, () => createBillingPlanAction(planForm()));
    expect(r).toMatchObject({ ok: true, data: { duplicate: false } });
    if (!r.ok) return;
    planId = r.data.planId;
    const plan = await getBillingPlanDetail(await ctxOf(t.adminA.claims, t.merchantA), planId);
    expect(plan).toMatchObject({
      merchId: mid,
      profileId: customer.profileId,
      acctId: customer.acctId,
      name: "Tool rental",
      amountCents: 4999,
      interval: "monthly",
      every: 1,
      status: "active",
      startDate: inDays(2),
      until: { kind: "payments", count: 3 },
      emailReceipt: true,
      customerName: "Billie Plan",
    });
    expect(plan.payments).toHaveLength(3);
    expect(plan.payments!.map((p) => [p.status, p.scheduledCents])).toEqual([
      ["scheduled", 4999],
      ["scheduled", 4999],
      ["scheduled", 4999],
    ]);
    expect(plan.payments![0]!.scheduledDate).toBe(inDays(2));
    const rows = await audits("billing_plan.created", planId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: t.adminA.id, merchantId: t.merchantA });
    expect(rows[0]!.after).toMatchObject({ amountCents: 4999, profileId: customer.profileId });
  });

  it("a double submit (two clicks, two tabs) creates the plan once", async () => {
    const form = planForm({ name: "Double click", amount: "12.00" });
    const [a, b] = await Promise.all([
      as(t.adminA.claims, () => createBillingPlanAction(form)),
      as(t.adminA.claims, () => createBillingPlanAction(form)),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.data.planId).toBe(b.data.planId);
    expect([a.data.duplicate, b.data.duplicate].sort()).toEqual([false, true]);
    const list = await listBillingPlansPage(await ctxOf(t.adminA.claims, t.merchantA), {});
    expect(list.items.filter((p) => p.name === "Double click")).toHaveLength(1);
    expect(await audits("billing_plan.created", a.data.planId)).toHaveLength(1);
  });

  it("places CoPilot's errors[] on the right input (a start date CoPilot calls past)", async () => {
    const r = await as(t.adminA.claims, () => createBillingPlanAction(planForm({ startDate: inDays(-3) })));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("invalid");
    expect(r.fieldErrors?.startDate?.[0]).toBe("The first payment date cannot be in the past.");
    expect(Object.keys(r.fieldErrors ?? {})).toEqual(["startDate"]);
  });

  it("checks the form before calling CoPilot: amount, name length, end rule, a customer of this vault", async () => {
    const r = await as(t.adminA.claims, () => createBillingPlanAction(planForm({ amount: "0", name: "x".repeat(31) })));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["amount", "name"]);
    const end = await as(t.adminA.claims, () =>
      createBillingPlanAction(planForm({ untilKind: "date", untilDate: inDays(1) })),
    );
    expect(end.ok).toBe(false);
    if (!end.ok) expect(end.fieldErrors?.untilDate?.[0]).toMatch(/before the first payment/);
    const stranger = await as(t.adminA.claims, () =>
      createBillingPlanAction(planForm({ customerId: "12345678901234567890" })),
    );
    expect(stranger).toMatchObject({ ok: false, code: "invalid" });
    if (!stranger.ok) expect(stranger.fieldErrors?.customerId).toBeDefined();
    const wrongAcct = await as(t.adminA.claims, () => createBillingPlanAction(planForm({ acctId: "99" })));
    if (!wrongAcct.ok) expect(wrongAcct.fieldErrors?.acctId).toBeDefined();
    expect(wrongAcct.ok).toBe(false);
  });

  it("marks a scheduled payment paid and cancels another; each change is audited, refused twice", async () => {
    const ctx = await ctxOf(t.adminA.claims, t.merchantA);
    const [first, second] = (await getBillingPlanDetail(ctx, planId)).payments!;
    const paid = await as(t.adminA.claims, () =>
      markBillingPaymentPaidAction({ merchantId: t.merchantA, planId, paymentId: first!.id, retref: "123456789012" }),
    );
    expect(paid).toMatchObject({ ok: true, data: { status: "paid" } });
    const cancelled = await as(t.staffA.claims, () =>
      cancelBillingPaymentAction({ merchantId: t.merchantA, planId, paymentId: second!.id }),
    );
    expect(cancelled).toMatchObject({ ok: true, data: { status: "cancelled" } });
    const plan = await getBillingPlanDetail(ctx, planId);
    expect(plan.payments!.map((p) => p.status)).toEqual(["paid", "cancelled", "scheduled"]);
    expect(plan.payments![0]).toMatchObject({ paidCents: 4999, retref: "123456789012" });
    expect(await audits("billing_plan.payment_marked_paid", first!.id)).toHaveLength(1);
    expect(await audits("billing_plan.payment_cancelled", second!.id)).toHaveLength(1);
    const again = await as(t.adminA.claims, () =>
      cancelBillingPaymentAction({ merchantId: t.merchantA, planId, paymentId: second!.id }),
    );
    expect(again).toMatchObject({ ok: false, code: "conflict" });
  });

  it("cancels the plan: its remaining payments are cancelled, paid ones stay; a second cancel is refused", async () => {
    const r = await as(t.adminA.claims, () => cancelBillingPlanAction({ merchantId: t.merchantA, planId }));
    expect(r).toMatchObject({ ok: true, data: { status: "cancelled" } });
    const plan = await getBillingPlanDetail(await ctxOf(t.adminA.claims, t.merchantA), planId);
    expect(plan.status).toBe("cancelled");
    expect(plan.payments!.map((p) => p.status)).toEqual(["paid", "cancelled", "cancelled"]);
    const rows = await audits("billing_plan.cancelled", planId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.after).toMatchObject({ status: "cancelled", paymentsCancelled: 1 });
    const again = await as(t.adminA.claims, () => cancelBillingPlanAction({ merchantId: t.merchantA, planId }));
    expect(again).toMatchObject({ ok: false, code: "conflict" });
  });

  it("lists newest first, filters by status and pages a long list (20 per page)", async () => {
    for (let i = 0; i < 20; i++) {
      const r = await as(t.adminA.claims, () =>
        createBillingPlanAction(planForm({ name: `Bulk ${i}`, amount: `${i + 1}.00`, untilKind: "cancelled" })),
      );
      expect(r.ok).toBe(true);
    }
    const ctx = await ctxOf(t.adminA.claims, t.merchantA);
    const p1 = await listBillingPlansPage(ctx, {});
    expect(p1.total).toBe(22);
    expect(p1.items).toHaveLength(20);
    expect(p1.items[0]!.name).toBe("Bulk 19");
    expect(p1.items[0]!.payments).toBeNull();
    const p2 = await listBillingPlansPage(ctx, { page: 2 });
    expect(p2.items.map((p) => p.name)).toEqual(["Double click", "Tool rental"]);
    expect(p1.counts).toEqual({ all: 22, active: 21, cancelled: 1, finished: 0 });
    const cancelledOnly = await listBillingPlansPage(ctx, { status: "cancelled" });
    expect(cancelledOnly.items.map((p) => p.id)).toEqual([planId]);
  });

  it("another merchant of the same partner (same CoPilot user) cannot reach this merchant's plans", async () => {
    await provisionCardPointe(t.merchantB, "Other Hardware");
    const r = await as(t.adminB.claims, () => cancelBillingPlanAction({ merchantId: t.merchantB, planId }));
    expect(r).toMatchObject({ ok: false, code: "not_found" });
    const foreign = await as(t.adminB.claims, () => cancelBillingPlanAction({ merchantId: t.merchantA, planId }));
    expect(foreign).toMatchObject({ ok: false, code: "not_found" });
  });

  it("a FluidPay merchant is told billing plans are a CardPointe feature", async () => {
    const fp = await makeTenants("fluidpay");
    const r = await as(fp.adminA.claims, () => createBillingPlanAction(planForm({ merchantId: fp.merchantA })));
    expect(r).toMatchObject({ ok: false, code: "unavailable" });
    if (!r.ok) expect(r.error).toMatch(/CardPointe feature/);
  });
});
