import { randomUUID } from "node:crypto";
import { describe, expect } from "vitest";
import { Declined, InvalidRequest, NotFound, Unauthorized, Unavailable, userMessage } from "@/lib/gateway/errors";
import type { CreateTransactionInput, PaymentSource } from "@/lib/gateway/types";
import { CARD, futureExpiry, orderId, connect, type Target } from "./targets";

const card = (number: string, extra: Partial<Extract<PaymentSource, { kind: "card" }>> = {}): PaymentSource => ({
  kind: "card",
  number,
  expiration: futureExpiry(),
  cvc: "999",
  ...extra,
});

export function transactionsSuite(target: Target): void {
  describe(`FluidPay adapter · transactions · ${target.name}`, () => {
    const { ctx, live, sandboxOnly } = connect(target);

    const sale = (over: Partial<CreateTransactionInput> = {}) =>
      ctx.adapter.transactions.create({
        type: "sale",
        amount: 4250,
        source: card(CARD.approve),
        idempotencyKey: randomUUID(),
        orderId: orderId(),
        billingAddress: { firstName: "Ada", lastName: "Lovelace", line1: "1 Main St", postalCode: "60187" },
        ...over,
      });

    live("approves a card sale: masked card only, amounts in cents, readable back by id", async () => {
      const t = await sale({ taxAmount: 250 });
      expect(t).toMatchObject({ family: "fluidpay", type: "sale", approved: true, amount: 4250, currency: "USD" });
      expect(t.status).toBe("pending_settlement");
      expect(t.capturedAmount).toBe(4250);
      expect(t.paymentMethod).toMatchObject({
        kind: "card",
        brand: "visa",
        maskedNumber: "411111******1111",
        lastFour: "1111",
      });
      expect(JSON.stringify(t)).not.toContain(CARD.approve);
      const again = await ctx.adapter.transactions.get(t.id);
      expect(again).toMatchObject({ id: t.id, amount: 4250, status: "pending_settlement", orderId: t.orderId });
    });

    live("4000000000009995 is Declined with reason insufficient funds, and a person is told so", async () => {
      const err = await sale({ source: card(CARD.insufficientFunds) }).catch((e) => e);
      expect(err).toBeInstanceOf(Declined);
      const d = err as Declined;
      expect(d.reason).toMatch(/insufficient funds/i);
      expect(d.code).toBeGreaterThanOrEqual(200);
      expect(d.transaction?.status).toBe("declined");
      expect(d.transaction?.paymentMethod).toMatchObject({ kind: "card", lastFour: "9995" });
      expect(userMessage(err)).toMatch(/declined: insufficient funds/i);
    });

    live("other test cards: plain decline, expired card, partial approval for half", async () => {
      const declined = await sale({ source: card(CARD.decline) }).catch((e) => e);
      expect(declined).toBeInstanceOf(Declined);
      const expired = await sale({ source: card(CARD.expired) }).catch((e) => e);
      expect(expired).toBeInstanceOf(Declined);
      expect((expired as Declined).reason).toMatch(/expired/i);
      const partial = await sale({ amount: 1000, source: card(CARD.partial), allowPartialPayment: true });
      expect(partial.approved).toBe(true);
      expect(partial.partiallyApproved).toBe(true);
      expect(partial.authorizedAmount).toBe(500);
    });

    live("AVS and CVV triggers come back in words (CVC 200 → N, postal 20000 → N)", async () => {
      const t = await sale({
        source: card(CARD.approve, { cvc: "200" }),
        billingAddress: { line1: "1 Main St", postalCode: "20000" },
      }).catch((e) => (e instanceof Declined ? e.transaction : Promise.reject(e)));
      expect(t?.cvv).toMatchObject({ code: "N", matched: false });
      expect(t?.avs).toMatchObject({ code: "N", matched: false });
      expect(t?.cvv?.description).toMatch(/does not match/);
    });

    live("authorize, then capture part of it; capturing more than authorized is refused", async () => {
      const auth = await sale({ type: "authorize", amount: 5000 });
      expect(auth.status).toBe("authorized");
      expect(auth.authorizedAmount).toBe(5000);
      expect(auth.capturedAmount).toBe(0);
      const tooMuch = await ctx.adapter.transactions.capture(auth.id, { amount: 6000 }).catch((e) => e);
      expect(tooMuch).toBeInstanceOf(InvalidRequest);
      const captured = await ctx.adapter.transactions.capture(auth.id, { amount: 3000 });
      expect(captured).toMatchObject({ id: auth.id, status: "pending_settlement", capturedAmount: 3000 });
    });

    live("void before settlement; a second void is refused", async () => {
      const t = await sale();
      const voided = await ctx.adapter.transactions.void(t.id);
      expect(voided).toMatchObject({ id: t.id, status: "voided" });
      const again = await ctx.adapter.transactions.void(t.id).catch((e) => e);
      expect(again).toBeInstanceOf(InvalidRequest);
      expect(userMessage(again)).toMatch(/no longer be voided/);
    });

    sandboxOnly("refund only after the batch closes; partial refunds never exceed the settled amount", async () => {
      const t = await sale({ amount: 4250 });
      const early = await ctx.adapter.transactions.refund(t.id, { amount: 1000 }).catch((e) => e);
      expect(early).toBeInstanceOf(InvalidRequest);
      await ctx.control!.settle();
      const settled = await ctx.adapter.transactions.get(t.id);
      expect(settled.status).toBe("settled");
      expect(settled.settledAmount).toBe(4250);
      expect(settled.batchId).not.toBeNull();
      const r1 = await ctx.adapter.transactions.refund(t.id, { amount: 1000 });
      expect(r1.original).toMatchObject({ id: t.id, status: "partially_refunded", refundedAmount: 1000 });
      expect(r1.refund).toMatchObject({ type: "refund", amount: 1000, referencedTransactionId: t.id });
      const over = await ctx.adapter.transactions.refund(t.id, { amount: 3251 }).catch((e) => e);
      expect(over).toBeInstanceOf(InvalidRequest);
      const r2 = await ctx.adapter.transactions.refund(t.id, { amount: 3250 });
      expect(r2.original).toMatchObject({ status: "refunded", refundedAmount: 4250 });
      const voidAfter = await ctx.adapter.transactions.void(t.id).catch((e) => e);
      expect(voidAfter).toBeInstanceOf(InvalidRequest);
    });

    sandboxOnly("a refund the issuer declines (4000000000000010) throws Declined", async () => {
      const t = await sale({ source: card(CARD.refundDeclines) });
      await ctx.control!.settle();
      const err = await ctx.adapter.transactions.refund(t.id).catch((e) => e);
      expect(err).toBeInstanceOf(Declined);
    });

    live("the same idempotency key twice, and five times concurrently, is one transaction", async () => {
      const key = randomUUID();
      const order = orderId("IDEM");
      const input = { idempotencyKey: key, orderId: order, amount: 1234 };
      const first = await sale(input);
      const second = await sale(input);
      expect(second.id).toBe(first.id);
      const key2 = randomUUID();
      const order2 = orderId("CONC");
      const all = await Promise.all(
        Array.from({ length: 5 }, () => sale({ idempotencyKey: key2, orderId: order2, amount: 777 })),
      );
      expect(new Set(all.map((t) => t.id)).size).toBe(1);
      const found = await ctx.adapter.transactions.search({ orderId: order2 });
      expect(found.items.map((t) => t.id)).toEqual([all[0]!.id]);
    });

    sandboxOnly("the idempotency window is sent: after it passes, the same key charges anew", async () => {
      const key = randomUUID();
      const first = await sale({ idempotencyKey: key, idempotencyWindowSeconds: 60, amount: 555 });
      const within = await sale({ idempotencyKey: key, idempotencyWindowSeconds: 60, amount: 555 });
      expect(within.id).toBe(first.id);
      await ctx.control!.advanceSeconds(120);
      const after = await sale({ idempotencyKey: key, idempotencyWindowSeconds: 60, amount: 555 });
      expect(after.id).not.toBe(first.id);
    });

    sandboxOnly("a charge that failed in flight is retried with its key and still charges once", async () => {
      const order = orderId("RETRY");
      const key = randomUUID();
      // No retries in this adapter: the first attempt's 500 surfaces, as after a crash between attempts.
      const once = ctx.adapterWith({ retries: 0 });
      await ctx.control!.setFault({ path_prefix: "/api/transaction", error_rate: 1 });
      try {
        const err = await once.transactions
          .create({ type: "sale", amount: 999, source: card(CARD.approve), idempotencyKey: key, orderId: order })
          .catch((e) => e);
        expect(err).toBeInstanceOf(Unavailable);
        expect((err as Unavailable).maybeProcessed).toBe(true);
        expect(userMessage(err)).toMatch(/will not charge twice/);
      } finally {
        await ctx.control!.clearFaults();
      }
      const a = await sale({ idempotencyKey: key, orderId: order, amount: 999 });
      const b = await sale({ idempotencyKey: key, orderId: order, amount: 999 });
      expect(b.id).toBe(a.id);
      expect((await ctx.adapter.transactions.search({ orderId: order })).items).toHaveLength(1);
    });

    sandboxOnly("a read times out on every attempt → Unavailable(timeout), not a hang", async () => {
      const impatient = ctx.adapterWith({ timeoutMs: 300, retries: 1 });
      await ctx.control!.setFault({ path_prefix: "/api/terminals", latency_ms: 2000 });
      try {
        const started = Date.now();
        const err = await impatient.terminals.list().catch((e) => e);
        expect(err).toBeInstanceOf(Unavailable);
        expect((err as Unavailable).reason).toBe("timeout");
        expect(Date.now() - started).toBeLessThan(1900);
      } finally {
        await ctx.control!.clearFaults();
      }
    });

    live("verification and credit", async () => {
      const v = await sale({ type: "verification", amount: 0 });
      expect(v).toMatchObject({ type: "verification", approved: true });
      const c = await sale({ type: "credit", amount: 500 });
      expect(c).toMatchObject({ type: "credit", approved: true, amount: 500 });
    });

    live("an ACH sale shows the masked account only", async () => {
      const t = await sale({
        amount: 8912,
        source: {
          kind: "ach",
          routingNumber: "490000018",
          accountNumber: "123456789",
          accountType: "checking",
          secCode: "web",
        },
      });
      expect(t.approved).toBe(true);
      expect(t.paymentMethod).toMatchObject({ kind: "ach", accountType: "checking" });
      expect(JSON.stringify(t)).not.toContain("123456789");
      const declined = await sale({
        source: {
          kind: "ach",
          routingNumber: "000000000",
          accountNumber: "123456789",
          accountType: "checking",
          secCode: "web",
        },
      }).catch((e) => e);
      expect(declined).toBeInstanceOf(Declined);
      expect((declined as Declined).transaction?.paymentMethod.kind).toBe("ach");
    });

    live("search by order id, status and amount, with limit and total count", async () => {
      const order = orderId("SRCH");
      const t = await sale({ orderId: order, amount: 3131 });
      const byOrder = await ctx.adapter.transactions.search({ orderId: order });
      expect(byOrder.items.map((x) => x.id)).toEqual([t.id]);
      expect(byOrder.totalCount).toBe(1);
      const byAmount = await ctx.adapter.transactions.search({ amount: { op: "=", value: 3131 }, limit: 5 });
      expect(byAmount.items.some((x) => x.id === t.id)).toBe(true);
      // Date ranges use the gateway's own clock (the transaction's created_at), not this machine's.
      const created = Date.parse(t.createdAt!);
      const inRange = await ctx.adapter.transactions.search({
        orderId: order,
        createdFrom: new Date(created - 60_000).toISOString(),
        createdTo: new Date(created + 60_000).toISOString(),
      });
      expect(inRange.items.map((x) => x.id)).toEqual([t.id]);
      const before = await ctx.adapter.transactions.search({
        orderId: order,
        createdTo: new Date(created - 60_000).toISOString(),
      });
      expect(before.items).toEqual([]);
      const page = await ctx.adapter.transactions.search({ status: "pending_settlement", limit: 1 });
      expect(page.items).toHaveLength(1);
      expect(page.totalCount).toBeGreaterThanOrEqual(1);
    });

    live("field errors name the bad field; unknown ids are NotFound", async () => {
      const bad = await sale({ source: card(CARD.approve, { expiration: "13/99" }) }).catch((e) => e);
      expect(bad).toBeInstanceOf(InvalidRequest);
      expect((bad as InvalidRequest).fieldErrors.map((f) => f.field)).toContain("expiration");
      // The gateway's correlation id travels with the error, for logs and support tickets.
      expect((bad as InvalidRequest).correlationId).toMatch(/\S{8,}/);
      const missing = await ctx.adapter.transactions.get("doesnotexist00000000").catch((e) => e);
      expect(missing).toBeInstanceOf(NotFound);
    });

    live("a wrong key, or the public key used server-side, is Unauthorized", async () => {
      const wrong = await ctx
        .adapterWith({ apiKey: "api_wrongwrongwrong" })
        .transactions.search()
        .catch((e) => e);
      expect(wrong).toBeInstanceOf(Unauthorized);
      const pub = await ctx
        .adapterWith({ apiKey: ctx.publicKey })
        .transactions.search()
        .catch((e) => e);
      expect(pub).toBeInstanceOf(Unauthorized);
    });
  });
}
