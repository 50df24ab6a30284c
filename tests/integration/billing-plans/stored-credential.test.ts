import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import { chargeBillingPaymentAction, createBillingPlanAction } from "@/lib/actions/billing-plans";
import { authorize } from "@/lib/auth/guard";
import { runAsSession } from "@/lib/auth/session";
import { getBillingPlanDetail } from "@/lib/services/billing-plans";
import { openForFile } from "@/tests/helpers/for-file";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";
import { inDays, provisionCardPointe, vaultCustomer } from "./setup";

/**
 * Stored credentials on a CardPointe merchant's billing plan, over real HTTP against the served CoPilot and
 * CardPointe sandboxes: the plan's first charge is customer-initiated on the stored profile (`cof` C), each renewal
 * merchant-initiated and scheduled (`cof` M, `cofscheduled` Y, `ecomind` R) — CardPointe Gateway yaml authRequest.
 */

const bodies: { path: string; body: string }[] = [];
const origin = openForFile(() => servePortalOrigin({ bodies }));
let t: Tenants;
let customer: { profileId: string; acctId: string };
beforeAll(async () => {
  t = await makeTenants("cardpointe");
  const p = await provisionCardPointe(t.merchantA, "Stored Credential Hardware");
  customer = await vaultCustomer(origin.url, t.merchantA, p.site, "Cof");
});

const asAdmin = <T>(fn: () => Promise<T>) => runAsSession(t.adminA.claims, fn);

/** The JSON bodies of the gateway `auth` calls sent since `from`. */
function authBodies(from: number): Record<string, unknown>[] {
  return bodies
    .slice(from)
    .filter((b) => b.path.endsWith("/cardconnect/rest/auth"))
    .map((b) => JSON.parse(b.body) as Record<string, unknown>);
}

describe("billing plan charges carry CardPointe's stored-credential fields", () => {
  it("first charge cof C on the profile; renewals cof M + cofscheduled Y + ecomind R; each marked paid", async () => {
    const created = await asAdmin(() =>
      createBillingPlanAction({
        merchantId: t.merchantA,
        customerId: customer.profileId,
        acctId: customer.acctId,
        name: "Locker rental",
        amount: "25.00",
        interval: "monthly",
        every: "1",
        startDate: inDays(2),
        untilKind: "payments",
        untilCount: "3",
      }),
    );
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const planId = created.data.planId;
    const ctx = await asAdmin(() => authorize(undefined, { merchantId: t.merchantA }, "merchant:view"));
    const payments = (await getBillingPlanDetail(ctx, planId)).payments!;
    expect(payments).toHaveLength(3);

    const mark = bodies.length;
    const first = await asAdmin(() =>
      chargeBillingPaymentAction({ merchantId: t.merchantA, planId, paymentId: payments[0]!.id }),
    );
    expect(first).toMatchObject({ ok: true, data: { status: "paid" } });
    const [cit] = authBodies(mark);
    expect(cit).toMatchObject({ cof: "C", cofscheduled: "Y", ecomind: "E", amount: "25.00", capture: "Y" });
    expect(cit!.profile).toBe(`${customer.profileId}/${customer.acctId}`);
    expect(cit!.account).toBeUndefined();

    const mark2 = bodies.length;
    const second = await asAdmin(() =>
      chargeBillingPaymentAction({ merchantId: t.merchantA, planId, paymentId: payments[1]!.id }),
    );
    expect(second).toMatchObject({ ok: true, data: { status: "paid" } });
    const [mit] = authBodies(mark2);
    expect(mit).toMatchObject({ cof: "M", cofscheduled: "Y", ecomind: "R", amount: "25.00" });
    expect(mit!.profile).toBe(`${customer.profileId}/${customer.acctId}`);

    const plan = await getBillingPlanDetail(ctx, planId);
    expect(plan.payments!.map((p) => p.status)).toEqual(["paid", "paid", "scheduled"]);
    if (first.ok && second.ok)
      expect(plan.payments!.map((p) => p.retref)).toEqual([first.data.retref, second.data.retref, null]);
    const audits = await getDb()
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, t.merchantA), eq(auditLog.action, "billing_plan.payment_charged")));
    expect(audits.map((a) => (a.after as { initiatedBy: string }).initiatedBy).sort()).toEqual([
      "customer",
      "merchant",
    ]);

    // A paid payment is not charged again.
    const again = await asAdmin(() =>
      chargeBillingPaymentAction({ merchantId: t.merchantA, planId, paymentId: payments[0]!.id }),
    );
    expect(again).toMatchObject({ ok: false, code: "conflict" });
  });
});
