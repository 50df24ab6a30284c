import { describe, expect } from "vitest";
import { Declined, InvalidRequest, NotFound, Unavailable, userMessage } from "@/lib/gateway/errors";
import { orderIdFor } from "@/lib/gateway/cardpointe/adapter-transactions";
import { key } from "./helpers";
import { connect, runOrderId, targets, type CardPointeTarget } from "./targets";
import { caught } from "@/tests/helpers/caught";

// One suite, run against every target: the emulator always, CardPointe UAT when configured (else skipped, counted).
for (const target of targets) chargesSuite(target);

function chargesSuite(target: CardPointeTarget): void {
  describe(`CardPointe adapter: charges · ${target.name}`, () => {
    const { ctx, control, live, sandboxOnly } = connect(target);

    live(
      "approves a sale on a CardSecure token, in cents, with an orderid derived from the idempotency key",
      async () => {
        const gw = ctx.gw;
        const token = await ctx.token("4788250000121443");
        const k = key();
        const t = await gw.transactions.create({
          type: "sale",
          amount: 1111,
          source: { kind: "token", token },
          idempotencyKey: k,
        });
        expect(t).toMatchObject({
          family: "cardpointe",
          type: "sale",
          status: "pending_settlement",
          approved: true,
          amount: 1111,
          capturedAmount: 1111,
          authCode: "PPS009",
          orderId: orderIdFor(k),
          idempotencyKey: k,
          responseCode: 100,
        });
        expect(t.id).toMatch(/^\d{12}$/);
        expect(t.paymentMethod).toMatchObject({ kind: "card", brand: "visa", lastFour: "1443" });
        expect(t.batchId).toBeTruthy();
        const again = await gw.transactions.get(t.id);
        expect(again).toMatchObject({ id: t.id, amount: 1111, status: "pending_settlement", idempotencyKey: k });
      },
    );

    live(
      "charges once for the same intent, and once after a lost answer (inquireByOrderid before retrying)",
      async () => {
        const gw = ctx.gw;
        const token = await ctx.token("5454545454545454");
        const k = key();
        const input = {
          type: "sale" as const,
          amount: 2500,
          source: { kind: "token" as const, token },
          idempotencyKey: k,
        };
        const first = await gw.transactions.create(input);
        const second = await gw.transactions.create(input);
        expect(second.id).toBe(first.id);

        // The auth reaches the gateway but its answer is lost (a timeout on our side).
        let dropped = 0;
        const lossy: typeof fetch = async (url, init) => {
          const res = await fetch(url, init);
          if (String(url).endsWith("/auth") && dropped === 0) {
            dropped++;
            await res.text();
            throw Object.assign(new Error("The operation timed out"), { name: "TimeoutError" });
          }
          return res;
        };
        const flaky = ctx.raw({ fetch: lossy });
        const k2 = key();
        const lostOrder = runOrderId("ORDER-LOST");
        const t = await flaky.transactions.create({ ...input, idempotencyKey: k2, orderId: lostOrder });
        expect(dropped).toBe(1);
        expect(t).toMatchObject({ approved: true, orderId: lostOrder, idempotencyKey: k2 });
        const records = await gw.inquireByOrderid(lostOrder);
        expect(records).toHaveLength(1);
        expect(records[0]!.id).toBe(t.id);
      },
    );

    live("sends the auth again when the lost request never reached the gateway", async () => {
      let failed = 0;
      const down: typeof fetch = async (url, init) => {
        if (String(url).endsWith("/auth") && failed === 0) {
          failed++;
          throw Object.assign(new Error("connect ECONNREFUSED"), { name: "TypeError" });
        }
        return fetch(url, init);
      };
      const gw = ctx.raw({ fetch: down });
      const retryOrder = runOrderId("ORDER-RETRY");
      const token = await ctx.token("4111111111111111");
      const t = await gw.transactions.create({
        type: "sale",
        amount: 700,
        source: { kind: "token", token },
        idempotencyKey: key(),
        orderId: retryOrder,
      });
      expect(failed).toBe(1);
      expect(t.approved).toBe(true);
      expect(await gw.inquireByOrderid(retryOrder)).toHaveLength(1);
    });

    live(
      "declines by UAT amount with the processor's words, and marks respstat B as retryable processor trouble",
      async () => {
        const gw = ctx.gw;
        const token = await ctx.token("4111111111111111");
        const err = await caught(
          gw.transactions.create({
            type: "sale",
            amount: 100500,
            source: { kind: "token", token },
            idempotencyKey: key(),
          }),
        );
        expect(err).toBeInstanceOf(Declined);
        const d = err as Declined;
        expect(d.reason).toBe("Do not honor");
        expect(d.category).toBe("issuer");
        expect(d.transaction).toMatchObject({
          status: "declined",
          approved: false,
          // The gateway answers "0.00" (nothing authorized); the record shows the amount the payer tried.
          amount: 100500,
          processorResponseCode: "05",
        });
        expect(userMessage(d)).toMatch(/declined: do not honor/);

        const retry = (await caught(
          gw.transactions.create({
            type: "sale",
            amount: 102800,
            source: { kind: "token", token },
            idempotencyKey: key(),
          }),
        )) as Declined;
        expect(retry).toBeInstanceOf(Declined);
        expect(retry).toMatchObject({ reason: "Please retry", category: "processor" });
      },
    );

    live("puts AVS and CVV results into words", async () => {
      const gw = ctx.gw;
      const t = await gw.transactions.create({
        type: "authorize",
        amount: 1000,
        source: { kind: "card", number: "4111111111111111", expiration: "12/30", cvc: "111" },
        billingAddress: { firstName: "Ada", lastName: "Lovelace", line1: "1 Main St", postalCode: "19112" },
        idempotencyKey: key(),
      });
      expect(t.status).toBe("authorized");
      expect(t.avs).toEqual({ code: "N", description: "Neither street address nor ZIP code match", matched: false });
      expect(t.cvv).toEqual({ code: "N", description: "Security code does not match", matched: false });
      const ok = await gw.transactions.create({
        type: "authorize",
        amount: 1000,
        source: { kind: "card", number: "4111111111111111", expiration: "12/30", cvc: "112" },
        billingAddress: { postalCode: "19224" },
        idempotencyKey: key(),
      });
      expect(ok.avs).toMatchObject({ code: "X", matched: true });
      expect(ok.cvv).toMatchObject({ code: "M", matched: true });
    });

    live("captures up to the authorization and refuses more", async () => {
      const gw = ctx.gw;
      const token = await ctx.token("4111111111111111");
      const auth = await gw.transactions.create({
        type: "authorize",
        amount: 5000,
        source: { kind: "token", token },
        idempotencyKey: key(),
      });
      const over = await caught(gw.transactions.capture(auth.id, { amount: 6000 }));
      expect(over).toBeInstanceOf(InvalidRequest);
      const cap = await gw.transactions.capture(auth.id, { amount: 3000 });
      expect(cap).toMatchObject({ id: auth.id, status: "pending_settlement", capturedAmount: 3000, amount: 3000 });
    });

    sandboxOnly("voids before settlement, refunds only after it, partially and then in full", async () => {
      const gw = ctx.gw;
      const token = await ctx.token("4111111111111111");
      const auth = await gw.transactions.create({
        type: "authorize",
        amount: 2000,
        source: { kind: "token", token },
        idempotencyKey: key(),
      });
      expect(await gw.transactions.void(auth.id)).toMatchObject({ id: auth.id, status: "voided" });

      const refundOrder = runOrderId("ORDER-REFUND");
      const sale = await gw.transactions.create({
        type: "sale",
        amount: 8000,
        orderId: refundOrder,
        source: { kind: "token", token },
        idempotencyKey: key(),
      });
      const early = await caught(gw.transactions.refund(sale.id, { amount: 1000 }));
      expect(early).toBeInstanceOf(InvalidRequest);
      expect(userMessage(early)).toMatch(/cannot be refunded yet: it must settle first/);

      await control().settle();
      const late = await caught(gw.transactions.void(sale.id));
      expect(late).toBeInstanceOf(InvalidRequest);
      expect(userMessage(late)).toMatch(/can no longer be voided/);

      const part = await gw.transactions.refund(sale.id, { amount: 3000 });
      expect(part.original).toMatchObject({
        id: sale.id,
        status: "partially_refunded",
        settledAmount: 8000,
        refundedAmount: 3000,
      });
      expect(part.refund).toMatchObject({
        type: "refund",
        amount: 3000,
        referencedTransactionId: sale.id,
        orderId: refundOrder,
      });
      const tooMuch = await caught(gw.transactions.refund(sale.id, { amount: 6000 }));
      expect(userMessage(tooMuch)).toMatch(/more than the amount left to refund/);
      const rest = await gw.transactions.refund(sale.id);
      expect(rest.original).toMatchObject({ status: "refunded", refundedAmount: 8000 });
      expect(rest.refund?.amount).toBe(5000);
    });

    sandboxOnly("answers NotFound for an unknown retref and another MID's transaction", async () => {
      const gw = ctx.gw;
      expect(await caught(gw.transactions.get("000000000001"))).toBeInstanceOf(NotFound);
      const other = await control().otherMerchant();
      const token = await ctx.token("4111111111111111");
      const theirs = await control()
        .adapterFor(other)
        .transactions.create({
          type: "sale",
          amount: 100,
          source: { kind: "token", token },
          idempotencyKey: key(),
        });
      expect(await caught(gw.transactions.get(theirs.id))).toBeInstanceOf(NotFound);
    });

    sandboxOnly("refuses a token of another site or environment as an invalid token, before any charge", async () => {
      const token = await control().tokenFor({ site: "cpsitea", environment: "uat" }, "4111111111111111");
      const gw = ctx.gw;
      const err = await caught(
        gw.transactions.create({ type: "sale", amount: 100, source: { kind: "token", token }, idempotencyKey: key() }),
      );
      expect(err).toBeInstanceOf(InvalidRequest);
      expect((err as InvalidRequest).fieldErrors).toEqual([
        { field: "token", message: "The card token is not valid for this merchant's site or environment" },
      ]);
      expect(userMessage(err)).toMatch(/token is not valid/);

      // Same site, production environment: the UAT token is unknown there too.
      const prod = await control().otherMerchant({ environment: "prod" });
      const uatToken = await ctx.token("4111111111111111");
      const prodErr = await caught(
        control()
          .rawAdapterFor(prod)
          .transactions.create({
            type: "sale",
            amount: 100,
            source: { kind: "token", token: uatToken },
            idempotencyKey: key(),
          }),
      );
      expect(prodErr).toBeInstanceOf(InvalidRequest);
    });

    live("reports an unreachable gateway as Unavailable without pretending it charged", async () => {
      const dead = ctx.raw({ fetch: async () => Promise.reject(new TypeError("fetch failed")), retries: 0 });
      const err = await caught(dead.transactions.get("123456789012"));
      expect(err).toBeInstanceOf(Unavailable);
      expect((err as Unavailable).maybeProcessed).toBe(false);
    });
  });
}
