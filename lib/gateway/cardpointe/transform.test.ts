import { describe, expect, it } from "vitest";
import recorded from "@/tests/fixtures/cardpointe/recorded.json";
import { Declined, InvalidRequest, NotFound, userMessage } from "../errors";
import { orderIdFor, toAuthBody } from "./adapter-transactions";
import {
  fundingResponseSchema,
  profileGetSchema,
  settlestatSchema,
  txnOrListSchema,
  txnSchema,
  type WireProfileAccount,
} from "./schemas";
import {
  brandOfToken,
  cardpointeStamp,
  domainResponseCode,
  elasticPathPaymentReference,
  parseElasticPathPaymentReference,
  toGatewayError,
  toTransaction,
} from "./transform";
import { toBatch, toDeposits } from "./transform-settlement";
import { elasticPathReferences, toCustomer } from "./transform-vault";

/** Payloads recorded from the CardPointe sandbox (tests/fixtures/cardpointe/recorded.json, MID replaced). */
const wire = (k: keyof typeof recorded) => txnSchema.parse(recorded[k]);

describe("CardPointe transactions from recorded payloads", () => {
  it("maps a captured card auth: decimal amounts to cents, queued capture, AVS/CVV in words", () => {
    const t = toTransaction(wire("authCaptured"), { type: "sale", now: new Date("2026-11-21T12:00:00Z") });
    expect(t).toMatchObject({
      id: "421106696319",
      family: "cardpointe",
      type: "sale",
      status: "pending_settlement",
      approved: true,
      amount: 4999,
      capturedAmount: 4999,
      settledAmount: 0,
      orderId: "FIX-1",
      batchId: "5516821039",
      authCode: "PPS009",
      responseCode: 100,
      processorResponseCode: "00",
      createdAt: "2026-11-21T12:00:00.000Z",
    });
    expect(t.paymentMethod).toEqual({
      kind: "card",
      brand: "visa",
      maskedNumber: "************1443",
      firstSix: null,
      lastFour: "1443",
      expiration: "12/28",
      fundingType: null,
      entryType: null,
    });
    expect(t.avs).toMatchObject({ code: "X", matched: true });
    expect(t.cvv).toMatchObject({ code: "M", description: "Security code matches" });
  });

  it("maps inquire of a settled sale and of its refund", () => {
    const sale = toTransaction(wire("inquireSettled"));
    expect(sale).toMatchObject({
      type: "sale",
      status: "settled",
      settledAmount: 4999,
      createdAt: "2026-11-21T18:59:32.000Z",
      capturedAt: "2026-11-21T18:59:32.000Z",
      settledAt: "2026-11-21T18:59:32.000Z",
    });
    expect(toTransaction(wire("inquireSettled"), { refundedAmount: 1000 }).status).toBe("partially_refunded");
    expect(toTransaction(wire("inquireSettled"), { refundedAmount: 4999 }).status).toBe("refunded");
    const refund = toTransaction(wire("inquireRefund"));
    expect(refund).toMatchObject({
      type: "refund",
      amount: 1000,
      status: "pending_settlement",
      referencedTransactionId: "421106696319",
      orderId: "FIX-1",
      authorizedAmount: 0,
    });
  });

  it("maps authorizations, voids, partial approvals, ACH and terminal reads", () => {
    expect(toTransaction(wire("inquireAuthorized"))).toMatchObject({ type: "authorize", status: "authorized" });
    expect(toTransaction(wire("inquireVoided"))).toMatchObject({ status: "voided" });
    expect(toTransaction(wire("authPartial"))).toMatchObject({ partiallyApproved: true, amount: 500 });
    const ach = toTransaction(wire("authAch"));
    expect(ach.paymentMethod).toMatchObject({ kind: "ach", lastFour: "6789", maskedAccount: "******6789" });
    const emv = toTransaction(txnSchema.parse(recorded.authCard), { source: "terminal" });
    expect(emv).toMatchObject({ amount: 1234, orderId: "FIX-T1", source: "terminal" });
    expect(emv.paymentMethod).toMatchObject({
      kind: "terminal",
      entryType: "EMVContact",
      cardholderName: "APPROVE/TEST CARD",
    });
  });

  it("reads inquireByOrderid as one object or a list", () => {
    const list = txnOrListSchema.parse(recorded.inquireByOrderid);
    expect(Array.isArray(list) ? list.length : 1).toBe(2);
    expect(Array.isArray(txnOrListSchema.parse(recorded.inquireSettled))).toBe(false);
  });

  it("turns refusals into the right domain errors with words a person reads", () => {
    const declined = toGatewayError(wire("authDeclined"), "auth");
    expect(declined).toBeInstanceOf(Declined);
    expect(declined).toMatchObject({ code: 205, reason: "Do not honor", category: "issuer" });
    expect((declined as Declined).transaction).toMatchObject({ status: "declined", amount: 0 });
    // The answer says "0.00"; the amount asked for is what a person sees on the declined attempt.
    expect(
      (toGatewayError(wire("authDeclined"), "auth", { requestedAmount: 4200 }) as Declined).transaction,
    ).toMatchObject({ status: "declined", amount: 4200 });
    expect(toGatewayError(wire("authRetry"), "auth")).toMatchObject({ category: "processor", code: 400 });

    const token = toGatewayError(wire("authInvalidToken"), "auth");
    expect(token).toBeInstanceOf(InvalidRequest);
    expect((token as InvalidRequest).fieldErrors[0]).toMatchObject({ field: "token" });

    expect(userMessage(toGatewayError(wire("voidSettled"), "void"))).toMatch(/can no longer be voided/);
    expect(userMessage(toGatewayError(wire("refundNotSettled"), "refund"))).toMatch(/must settle first/);
    expect(toGatewayError(wire("inquireNotFound"), "capture")).toBeInstanceOf(NotFound);
    expect(domainResponseCode(wire("authInvalidToken"))).toBe(300);
  });
});

describe("CardPointe settlement, funding and vault from recorded payloads", () => {
  it("maps settlestat batches", () => {
    const [b] = settlestatSchema.parse(recorded.settlestat);
    expect(toBatch(b!, "2026-11-21")).toMatchObject({
      id: "5516821039",
      batchDate: "2026-11-21T00:00:00.000Z",
      batchNumber: 375155,
      capturedAmount: 6199,
      creditAmount: 0,
      netDeposit: 6199,
      responseMessage: "Accepted",
    });
  });

  it("maps a deposit with its fees, adjustment and batch", () => {
    const res = fundingResponseSchema.parse(recorded.funding);
    if ("errormsg" in res) throw new Error("expected deposits");
    const [d] = toDeposits(res);
    expect(d).toMatchObject({ netSales: 6199, adjustmentsTotal: -195, batchIds: ["5516821039"], currency: "USD" });
    expect(d!.totalFunding).toBe(d!.netSales - d!.interchangeFees - d!.serviceCharges + d!.adjustmentsTotal);
    expect(d!.lines.every((l) => l.maskedNumber === null || /\*{6}/.test(l.maskedNumber))).toBe(true);
    expect(fundingResponseSchema.parse(recorded.fundingNone)).toEqual({ errormsg: "No deposits match your request" });
  });

  it("maps a profile to a vault customer and exposes the Elastic Path references", () => {
    const accounts = profileGetSchema.parse(recorded.profileGet) as WireProfileAccount[];
    const c = toCustomer(accounts[0]!.profileid, accounts);
    expect(c).toMatchObject({ id: "37355404944335932161", description: "Grace Hopper" });
    expect(c.paymentMethods.map((p) => [p.id, p.kind, "brand" in p ? p.brand : null, p.lastFour, p.isDefault])).toEqual(
      [
        ["1", "card", "visa", "1443", true],
        ["2", "card", "mastercard", "5454", false],
      ],
    );
    expect(c.addresses[0]).toMatchObject({ id: "1", line1: "1 Navy Way", state: "VA", postalCode: "22201" });
    expect(elasticPathReferences(c).map((r) => r.reference)).toEqual([
      "1|37355404944335932161",
      "2|37355404944335932161",
    ]);
    expect(profileGetSchema.parse(recorded.profileNotFound)).toMatchObject({ respcode: "96" });
  });
});

describe("CardPointe pure helpers", () => {
  it("builds and parses Elastic Path payment references", () => {
    expect(elasticPathPaymentReference("16178397535388255208", "1")).toBe("1|16178397535388255208");
    expect(parseElasticPathPaymentReference("1|16178397535388255208")).toEqual({
      accountId: "1",
      profileId: "16178397535388255208",
    });
    expect(parseElasticPathPaymentReference("16178397535388255208|1")).toBeNull();
    expect(() => elasticPathPaymentReference("abc", "1")).toThrow(RangeError);
  });

  it("derives a stable, non-PAN orderid from the idempotency key", () => {
    const k = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect(orderIdFor(k)).toBe("IK0f8fad5bd9cb469fa16570867728950e");
    expect(orderIdFor(k)).toBe(orderIdFor(k));
    expect(orderIdFor("not-a-uuid")).toMatch(/^IK[0-9a-f]{32}$/);
  });

  it("writes amounts as decimal strings from cents and carries the intent", () => {
    const body = toAuthBody(
      {
        type: "sale",
        amount: 1111,
        taxAmount: 99,
        source: { kind: "token", token: "9411111111111111" },
        idempotencyKey: "k1",
        billingAddress: { firstName: "A", lastName: "B", postalCode: "19406" },
      },
      "800000000001",
      "IKx",
    );
    expect(body).toMatchObject({
      merchid: "800000000001",
      amount: "11.11",
      taxamnt: "0.99",
      capture: "Y",
      orderid: "IKx",
      name: "A B",
      postal: "19406",
      userfields: { idempotencykey: "k1" },
    });
    expect(
      toAuthBody({ type: "verification", source: { kind: "token", token: "t" }, idempotencyKey: "k" }, "1", "o").amount,
    ).toBe("0.00");
  });

  it("reads brands from token digits and gateway timestamps", () => {
    expect(brandOfToken("9478309333741443")).toBe("visa");
    expect(brandOfToken("9546856947045454")).toBe("mastercard");
    expect(brandOfToken("9371449635398431")).toBe("amex");
    expect(brandOfToken("9601100099550000")).toBe("discover");
    expect(cardpointeStamp("20261121185932")).toBe("2026-11-21T18:59:32.000Z");
    expect(cardpointeStamp("20261121")).toBe("2026-11-21T00:00:00.000Z");
    expect(cardpointeStamp("bad")).toBeNull();
  });
});
