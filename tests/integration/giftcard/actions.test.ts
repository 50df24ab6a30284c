import { and, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import {
  changeGiftCardStatusAction,
  enterGiftCardAction,
  giftCardBalanceAction,
  loadGiftCardAction,
  redeemGiftCardAction,
} from "@/lib/actions/gift-cards";
import { runAsSession } from "@/lib/auth/session";
import { connectSandbox } from "@/tests/helpers/sandbox-merchant";
import { resetEnvCache } from "@/lib/env";
import { handler as gatewaySandbox } from "@portal/sandbox/fluidpay";
import { handler as giftcardSandbox } from "@portal/sandbox/giftcard";
import { serve, type Served } from "@/tests/helpers/serve";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/** The Gift cards section's actions over the merchant's sandbox store: tokens only after entry, audit rows, rules. */

let origin: Served;
let t: Tenants;
let cards: { cardnumber: string; securitycode: string; note: string }[];
let controlAuth: string;

beforeAll(async () => {
  // The portal's origin as the gift-card adapter reaches it: <APP_URL>/sandbox/giftcard (and the gateway for provisioning).
  origin = await serve(async (req) => {
    const path = new URL(req.url).pathname;
    if (path.startsWith("/sandbox/giftcard/")) return giftcardSandbox(req);
    if (path.startsWith("/sandbox/gateway/")) return gatewaySandbox(req);
    return new Response("not found", { status: 404 });
  });
  process.env.APP_URL = origin.url;
  resetEnvCache();
  t = await makeTenants("fluidpay");
  const p = await connectSandbox(t.merchantA, "Gift Shop", "fluidpay");
  // The store's test cards (numbers are only ever shown by the sandbox's control answer).
  const gc = p.credentials.giftcard!;
  controlAuth = `Basic ${Buffer.from(`${gc.username}:${gc.password}`).toString("base64")}`;
  const res = await fetch(`${origin.url}/sandbox/giftcard/_control/cards`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: controlAuth },
    body: JSON.stringify({ count: 1, balance: 40, activated: true }),
  });
  expect(res.status).toBe(201);
  cards = ((await res.json()) as { cards: typeof cards }).cards;
});
afterAll(async () => {
  await origin.close();
  await closeDb();
});

describe("gift-card actions", () => {
  it("enters a card (token + last four back, never the number), redeems with and without partial, audits money", async () => {
    const c = cards[0]!;
    const entered = await runAsSession(t.adminA.claims, () =>
      enterGiftCardAction({ merchantId: t.merchantA, cardNumber: c.cardnumber, securityCode: c.securitycode }),
    );
    if (!entered.ok) throw new Error(entered.error);
    expect(entered.data).toMatchObject({ lastFour: c.cardnumber.slice(-4), balance: { balance: 4000 } });
    expect(JSON.stringify(entered.data)).not.toContain(c.cardnumber);
    const cardToken = entered.data.cardToken;

    const over = await runAsSession(t.staffA.claims, () =>
      redeemGiftCardAction({ merchantId: t.merchantA, cardToken, amount: "50.00", intentId: randomUUID() }),
    );
    expect(over).toMatchObject({ ok: false, code: "declined" });
    const still = await runAsSession(t.staffA.claims, () =>
      giftCardBalanceAction({ merchantId: t.merchantA, cardToken }),
    );
    expect(still).toMatchObject({ ok: true, data: { balance: 4000 } });

    const intentId = randomUUID();
    const reload = await runAsSession(t.adminA.claims, () =>
      loadGiftCardAction({ merchantId: t.merchantA, cardToken, kind: "reload", amount: "10.00", intentId }),
    );
    expect(reload).toMatchObject({ ok: true, data: { balance: 5000 } });
    // A double submit of the same form moves money once.
    const twice = await runAsSession(t.adminA.claims, () =>
      loadGiftCardAction({ merchantId: t.merchantA, cardToken, kind: "reload", amount: "10.00", intentId }),
    );
    expect(twice).toMatchObject({ ok: true, data: { balance: 5000 } });

    const partial = await runAsSession(t.adminA.claims, () =>
      redeemGiftCardAction({
        merchantId: t.merchantA,
        cardToken,
        amount: "80.00",
        acceptPartial: "on",
        intentId: randomUUID(),
      }),
    );
    expect(partial).toMatchObject({
      ok: true,
      data: { approved: 5000, requested: 8000, newBalance: 0, partial: true },
    });

    const audit = await getDb()
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, t.merchantA)));
    const actions = audit.map((a) => a.action);
    // The double submit of one reload form moved money once and is audited once.
    expect(actions.filter((a) => a === "giftcard.reload")).toHaveLength(1);
    expect(actions).toContain("giftcard.redeem");
    expect(JSON.stringify(audit)).not.toContain(c.cardnumber);
  });

  it("requires a reason to deactivate, checks fields, and refuses other merchants' users", async () => {
    const c = cards[0]!;
    const entered = await runAsSession(t.adminA.claims, () =>
      enterGiftCardAction({ merchantId: t.merchantA, cardNumber: c.cardnumber, securityCode: c.securitycode }),
    );
    if (!entered.ok) throw new Error(entered.error);
    const cardToken = entered.data.cardToken;
    const noReason = await runAsSession(t.adminA.claims, () =>
      changeGiftCardStatusAction({ merchantId: t.merchantA, cardToken, active: "false" }),
    );
    expect(noReason).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { reason: ["Say why the card is deactivated."] },
    });
    const off = await runAsSession(t.adminA.claims, () =>
      changeGiftCardStatusAction({ merchantId: t.merchantA, cardToken, active: "false", reason: "Reported stolen" }),
    );
    expect(off).toMatchObject({ ok: true, data: { active: false } });

    const badNumber = await runAsSession(t.adminA.claims, () =>
      enterGiftCardAction({ merchantId: t.merchantA, cardNumber: "12ab", securityCode: "1" }),
    );
    expect(badNumber).toMatchObject({ ok: false, code: "invalid" });
    if (!badNumber.ok) expect(Object.keys(badNumber.fieldErrors ?? {}).sort()).toEqual(["cardNumber", "securityCode"]);

    const outsider = await runAsSession(t.adminB.claims, () =>
      giftCardBalanceAction({ merchantId: t.merchantA, cardToken }),
    );
    expect(outsider).toMatchObject({ ok: false, code: "not_found" });
  });

  it("counts a staff member's gift-card loads against the staff money-out limit (security review, finding 1)", async () => {
    const res = await fetch(`${origin.url}/sandbox/giftcard/_control/cards`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: controlAuth },
      body: JSON.stringify({ count: 1, balance: 0, activated: true }),
    });
    const [card] = ((await res.json()) as { cards: typeof cards }).cards;
    const entered = await runAsSession(t.staffA.claims, () =>
      enterGiftCardAction({ merchantId: t.merchantA, cardNumber: card!.cardnumber, securityCode: card!.securitycode }),
    );
    if (!entered.ok) throw new Error(entered.error);
    const cardToken = entered.data.cardToken;
    const load = (amount: string) =>
      runAsSession(t.staffA.claims, () =>
        loadGiftCardAction({ merchantId: t.merchantA, cardToken, kind: "reload", amount, intentId: randomUUID() }),
      );
    const over = await load("150.00");
    expect(over).toMatchObject({ ok: false, code: "invalid" });
    if (!over.ok) expect(over.fieldErrors?.amount?.[0]).toMatch(/Staff can give back up to \$100\.00/);
    expect(await load("100.00")).toMatchObject({ ok: true, data: { balance: 10_000 } });
    expect(await load("0.01")).toMatchObject({ ok: false, code: "invalid" });
    const balance = await runAsSession(t.staffA.claims, () =>
      giftCardBalanceAction({ merchantId: t.merchantA, cardToken }),
    );
    expect(balance).toMatchObject({ ok: true, data: { balance: 10_000 } });
  });
});
