import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getCustomer } from "@/db/queries/customers";
import { auditLog } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import {
  addPaymentMethodAction,
  createCustomerAction,
  replaceCardAction,
  updateCardExpiryAction,
} from "@/lib/actions/customers";
import { runAsSession } from "@/lib/auth/session";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { ok } from "@/tests/helpers/action-ok";
import { openForFile } from "@/tests/helpers/for-file";
import { makeWorld, tokenize } from "../virtual-terminal/setup";

/**
 * Updating a saved card on a FluidPay-family merchant, over real HTTP against the gateway sandbox: the expiry through
 * the documented payment-method update (seed 003 L3336-3351), a replacement card through a tokenizer token; the
 * payment method keeps its id, so a subscription on it charges the new card.
 */

const w = openForFile(makeWorld);

const act = <T>(action: (input: unknown) => Promise<ActionResult<T>>, input: Record<string, unknown>) =>
  runAsSession(w.t.adminA.claims, () => action({ merchantId: w.t.merchantA, ...input }));

async function customerWithCard() {
  const { customerId } = ok(
    await act(createCustomerAction, { firstName: "Card", lastName: "Holder", email: "card.holder@example.test" }),
  );
  const { paymentMethodId } = ok(await act(addPaymentMethodAction, { customerId, token: await tokenize(w) }));
  return { customerId, paymentMethodId };
}

async function gatewayApi(method: string, path: string, body?: unknown) {
  const res = await fetch(`${w.served.url}/sandbox/gateway${path}`, {
    method,
    headers: { authorization: w.apiKey, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as { data: unknown };
}

describe("update a saved card (FluidPay family)", () => {
  it("changes the expiry in place, audited, cache written through", async () => {
    const { customerId, paymentMethodId } = await customerWithCard();
    ok(await act(updateCardExpiryAction, { customerId, paymentMethodId, expiration: "0431" }));
    const gateway = await gatewayForMerchant(w.t.merchantA);
    const pm = (await gateway.vault.getCustomer(customerId)).paymentMethods.find((p) => p.id === paymentMethodId);
    expect(pm).toMatchObject({ kind: "card", expiration: "04/31", lastFour: "1111" });
    const cached = await getCustomer({ merchantId: w.t.merchantA, customerId });
    expect(cached?.paymentMethods.find((p) => p.id === paymentMethodId)).toMatchObject({ lastFour: "1111" });
    const audits = await getDb()
      .select({ actor: auditLog.actorUserId, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, customerId), eq(auditLog.action, "customer.payment_method.expiry")));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0]!.after)).toContain("04/31");
  });

  it("refuses a malformed or past expiry and a payment method of another customer with field errors", async () => {
    const { customerId, paymentMethodId } = await customerWithCard();
    const bad = await act(updateCardExpiryAction, { customerId, paymentMethodId, expiration: "13/30" });
    expect(bad).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { expiration: [expect.stringMatching(/MM\/YY/)] },
    });
    const past = await act(updateCardExpiryAction, { customerId, paymentMethodId, expiration: "01/20" });
    expect(past).toMatchObject({ ok: false, fieldErrors: { expiration: ["This expiry date has already passed."] } });
    const other = await customerWithCard();
    const foreign = await act(updateCardExpiryAction, {
      customerId,
      paymentMethodId: other.paymentMethodId,
      expiration: "04/31",
    });
    expect(foreign).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { paymentMethodId: [expect.any(String)] },
    });
  });

  it("replaces the card from a tokenizer token: same payment method id, the subscription charges the new card", async () => {
    const { customerId, paymentMethodId } = await customerWithCard();
    const gateway = await gatewayForMerchant(w.t.merchantA);
    const clock = (await gatewayApi("GET", "/_control/clock")).data as { now: string };
    const start = new Date(Date.parse(clock.now) + 86_400_000).toISOString().slice(0, 10);
    const sub = await gateway.recurring.subscriptions.create({
      customer: { id: customerId, paymentMethodType: "card", paymentMethodId },
      amount: 700,
      billingFrequency: "daily",
      billingCycleInterval: 1,
      billingDays: [],
      duration: 0,
      nextBillDate: start,
    });
    const sentBefore = w.sent.length;
    const token = await tokenize(w, "5555555555554444");
    ok(await act(replaceCardAction, { customerId, paymentMethodId, token }));
    // The server sent the token only, never card data.
    expect(
      w.sent
        .slice(sentBefore)
        .map((s) => s.body)
        .join("\n"),
    ).not.toContain("5555555555554444");
    const after = await gateway.vault.getCustomer(customerId);
    expect(after.paymentMethods).toEqual([expect.objectContaining({ id: paymentMethodId, lastFour: "4444" })]);
    expect((await gateway.recurring.subscriptions.get(sub.id)).customer.paymentMethodId).toBe(paymentMethodId);
    await gatewayApi("POST", "/_control/clock", { advance_seconds: 2 * 86_400 });
    const txns = (
      await gatewayApi("POST", "/api/transaction/search", {
        subscription_id: { operator: "=", value: sub.id },
        created_at: { start_date: "2000-01-01T00:00:00Z", end_date: "2100-01-01T00:00:00Z" },
      })
    ).data as { response_body: { card: { last_four: string } } }[];
    expect(txns.length).toBeGreaterThan(0);
    expect(txns.every((t) => t.response_body.card.last_four === "4444")).toBe(true);
  });
});
