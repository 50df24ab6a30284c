import { beforeAll, describe, expect, it } from "vitest";
import { chargeBillingPaymentAction, createBillingPlanAction } from "@/lib/actions/billing-plans";
import { replaceCardAction, updateCardExpiryAction } from "@/lib/actions/customers";
import { authorize } from "@/lib/auth/guard";
import { runAsSession } from "@/lib/auth/session";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { getBillingPlanDetail } from "@/lib/services/billing-plans";
import { ok } from "@/tests/helpers/action-ok";
import { cardSecureToken } from "@/tests/helpers/cardsecure";
import { openForFile } from "@/tests/helpers/for-file";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";
import { inDays, provisionCardPointe, vaultCustomer } from "./setup";

/**
 * Updating a saved card on a CardPointe merchant, over real HTTP against the served CardPointe and CoPilot sandboxes:
 * the documented profile update (`profile` "<profileid>/<acctid>" + `profileupdate` Y) changes the expiry, and a
 * CardSecure token replaces the card; the account keeps its acctid, so the billing plan on it charges the new card.
 */

const bodies: { path: string; body: string }[] = [];
const origin = openForFile(() => servePortalOrigin({ bodies }));
let t: Tenants;
let site = "";
beforeAll(async () => {
  t = await makeTenants("cardpointe");
  site = (await provisionCardPointe(t.merchantA, "Card Update Hardware")).site;
});
const act = <T>(action: (input: unknown) => Promise<import("@/lib/action-result").ActionResult<T>>, input: object) =>
  runAsSession(t.adminA.claims, () => action({ merchantId: t.merchantA, ...input }));

describe("update a saved card (CardPointe)", () => {
  it("changes the expiry with a profile update; a bad expiry is a field error", async () => {
    const c = await vaultCustomer(origin.url, t.merchantA, site, "Expiry");
    const mark = bodies.length;
    ok(await act(updateCardExpiryAction, { customerId: c.profileId, paymentMethodId: c.acctId, expiration: "09/32" }));
    const put = bodies.slice(mark).find((b) => b.path.endsWith("/cardconnect/rest/profile"));
    expect(JSON.parse(put!.body)).toMatchObject({
      profile: `${c.profileId}/${c.acctId}`,
      profileupdate: "Y",
      expiry: "0932",
    });
    const gateway = await gatewayForMerchant(t.merchantA);
    const pm = (await gateway.vault.getCustomer(c.profileId)).paymentMethods.find((p) => p.id === c.acctId);
    expect(pm).toMatchObject({ kind: "card", expiration: "09/32", lastFour: "1443" });
    const bad = await act(updateCardExpiryAction, {
      customerId: c.profileId,
      paymentMethodId: c.acctId,
      expiration: "9/2",
    });
    expect(bad).toMatchObject({ ok: false, code: "invalid", fieldErrors: { expiration: [expect.any(String)] } });
  });

  it("replaces the card from a CardSecure token; the billing plan on the account charges the new card", async () => {
    const c = await vaultCustomer(origin.url, t.merchantA, site, "Replace");
    const created = ok(
      await act(createBillingPlanAction, {
        customerId: c.profileId,
        acctId: c.acctId,
        name: "Tool locker",
        amount: "10.00",
        interval: "monthly",
        every: "1",
        startDate: inDays(2),
        untilKind: "payments",
        untilCount: "2",
      }),
    );
    const token = await cardSecureToken(
      `${origin.url}/sandbox/cardpointe/${site}-uat/cardsecure/api/v1/ccn/tokenize`,
      "5454545454545454",
    );
    const mark = bodies.length;
    ok(await act(replaceCardAction, { customerId: c.profileId, paymentMethodId: c.acctId, token }));
    const sent = bodies
      .slice(mark)
      .map((b) => b.body)
      .join("\n");
    expect(sent).not.toContain("5454545454545454");
    const gateway = await gatewayForMerchant(t.merchantA);
    const after = await gateway.vault.getCustomer(c.profileId);
    expect(after.paymentMethods).toEqual([expect.objectContaining({ id: c.acctId, lastFour: "5454" })]);
    const ctx = await runAsSession(t.adminA.claims, () =>
      authorize(undefined, { merchantId: t.merchantA }, "merchant:view"),
    );
    const plan = await getBillingPlanDetail(ctx, created.planId);
    expect(plan.acctId).toBe(c.acctId);
    const charged = ok(
      await act(chargeBillingPaymentAction, { planId: created.planId, paymentId: plan.payments![0]!.id }),
    );
    const txn = await gateway.transactions.get(charged.retref);
    expect(txn.paymentMethod).toMatchObject({ kind: "card", lastFour: "5454" });
  });
});
