import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  adjustmentEnvelope,
  adjustmentListEnvelope,
  amountsEnvelope,
  batchSearchEnvelope,
  customerEnvelope,
  emptyEnvelope,
  feeLookupEnvelope,
  fileBatchStatusSchema,
  fileBatchUploadEnvelope,
  getTransactionEnvelope,
  invoiceEnvelope,
  maybeTransactionEnvelope,
  planEnvelope,
  planListEnvelope,
  subscriptionEnvelope,
  terminalListEnvelope,
  transactionEnvelope,
  transactionListEnvelope,
} from "./schemas";
import {
  billingDays,
  expiration,
  isDeclined,
  isoTime,
  responseReason,
  toAdjustment,
  toAdjustmentBody,
  toAmountQuote,
  toBatchSearchResult,
  toCustomer,
  toDeclined,
  toFeeQuote,
  toFileBatch,
  toInvoice,
  toInvoiceBody,
  toPlan,
  toSubscription,
  toTerminal,
  toTerminalRun,
  toTransaction,
  toTransactionBody,
  toTransactionSearchBody,
} from "./transform";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, "../../../tests/fixtures/fluidpay", `${name}.json`), "utf8"));

describe("transactions", () => {
  it("maps an approved card sale with masked card, AVS/CVV in words and amounts in cents", () => {
    const t = toTransaction(transactionEnvelope.parse(fixture("sale-approved")).data);
    expect(t).toMatchObject({
      id: "d3bfel2cunifubaumn00",
      family: "fluidpay",
      type: "sale",
      status: "pending_settlement",
      approved: true,
      partiallyApproved: false,
      amount: 1299,
      authorizedAmount: 1299,
      capturedAmount: 1299,
      settledAmount: 0,
      refundedAmount: 0,
      taxAmount: 100,
      shippingAmount: 100,
      currency: "USD",
      responseCode: 100,
      responseText: "Approved",
      authCode: "TAS000",
      orderId: "someOrderID",
      poNumber: "somePONumber",
      idempotencyKey: "7df4d862-1a3d-44c4-b3df-536aadf307b0",
      customerId: null,
      batchId: null,
      settledAt: null,
      createdAt: "2025-09-26T20:30:09.693Z",
    });
    expect(t.paymentMethod).toEqual({
      kind: "card",
      brand: "visa",
      maskedNumber: "411111******1111",
      firstSix: "411111",
      lastFour: "1111",
      expiration: "12/26",
      fundingType: "debit",
      entryType: null,
    });
    expect(t.avs).toEqual({ code: "Y", description: "Street address and 5-digit ZIP code match", matched: true });
    expect(t.cvv).toEqual({ code: "M", description: "Security code matches", matched: true });
    expect(t.billingAddress?.line1).toBe("123 Some St");
    // An all-blank address is no address.
    expect(t.shippingAddress).toBeNull();
    expect(isDeclined(t)).toBe(false);
  });

  it("reads a decline (HTTP 200, data.status declined) as Declined with reason and AVS outcome", () => {
    const t = toTransaction(transactionEnvelope.parse(fixture("sale-declined")).data);
    expect(t.approved).toBe(false);
    expect(isDeclined(t)).toBe(true);
    const err = toDeclined(t);
    expect(err.code).toBe(202);
    expect(err.reason).toBe("Insufficient funds");
    expect(err.category).toBe("issuer");
    expect(err.avs?.matched).toBe(false);
    expect(err.transaction?.id).toBe("d3bfdeclined00000000");
    expect(t.processorResponseCode).toBe("51");
  });

  it("unwraps GET /transaction/{id}'s one-element array and its `response` object quirk", () => {
    const res = getTransactionEnvelope.parse(fixture("get-transaction"));
    expect(Array.isArray(res.data)).toBe(true);
    const wire = Array.isArray(res.data) ? res.data[0]! : res.data;
    const t = toTransaction(wire);
    expect(t.id).toBe("b7kgflt1tlv51er0fts0");
    expect(t.amount).toBe(1112);
    expect(t.paymentMethod).toMatchObject({ kind: "card", maskedNumber: "401200******5439", lastFour: "5439" });
    expect(t.avs?.code).toBe("0");
    expect(t.cvv?.matched).toBe(true);
    expect(t.authCode).toBe("TAS731");
  });

  it("maps terminal and ACH sales to their payment summaries", () => {
    const term = toTransaction(transactionEnvelope.parse(fixture("terminal-sale")).data);
    expect(term.paymentMethod).toMatchObject({
      kind: "terminal",
      brand: "mastercard",
      lastFour: "3333",
      cardholderName: "FDCS TEST CARD /MASTERCARD",
      signature: "Qk0OIQ==",
    });
    expect(toTerminalRun(term).state).toBe("approved");
    const ach = toTransaction(transactionEnvelope.parse(fixture("ach-sale")).data);
    expect(ach.paymentMethod).toEqual({
      kind: "ach",
      maskedAccount: "******9999",
      lastFour: "9999",
      accountType: "checking",
      secCode: "web",
    });
  });

  it("maps a search page, including a refund referencing its sale and a recurring source", () => {
    const res = transactionListEnvelope.parse(fixture("transaction-search"));
    const [sale, refund] = (res.data ?? []).map(toTransaction);
    expect(res.total_count).toBe(2);
    expect(sale?.paymentMethod.kind).toBe("card");
    expect(sale?.customerId).toBe("b81ko5qq9qq5v460r9i0");
    expect(refund).toMatchObject({
      type: "refund",
      status: "refunded",
      subscriptionId: "sub_1",
      source: "recurring",
      referencedTransactionId: "b84vgb2j8m0jujadi4v0",
    });
  });

  it("accepts void's documented `data: null`", () => {
    expect(maybeTransactionEnvelope.parse(fixture("void")).data).toBeNull();
  });

  it("rejects a transaction missing its required id or status", () => {
    const bad = structuredClone(fixture("sale-approved")) as { data: Record<string, unknown> };
    delete bad.data.status;
    expect(transactionEnvelope.safeParse(bad).success).toBe(false);
  });

  it("tolerates unknown fields and new status names", () => {
    const extra = structuredClone(fixture("sale-approved")) as { data: Record<string, unknown> };
    extra.data.brand_new_field = { nested: true };
    extra.data.status = "something_new";
    const t = toTransaction(transactionEnvelope.parse(extra).data);
    expect(t.status).toBe("unknown");
  });

  it("builds the wire body: one payment method, keyed card in MM/YY, idempotency key carried", () => {
    const body = toTransactionBody({
      type: "sale",
      amount: 4250,
      idempotencyKey: "intent-1",
      source: { kind: "card", number: "4111 1111 1111 1111", expiration: "12/2030", cvc: "999" },
      billingAddress: { postalCode: "60187", line1: "1 Main" },
      orderId: "A1",
    });
    expect(body).toMatchObject({
      type: "sale",
      amount: 4250,
      idempotency_key: "intent-1",
      order_id: "A1",
      payment_method: {
        card: { entry_type: "keyed", number: "4111111111111111", expiration_date: "12/30", cvc: "999" },
      },
      billing_address: { postal_code: "60187", address_line_1: "1 Main" },
    });
    expect(Object.keys(body.payment_method)).toEqual(["card"]);
    const tokenBody = JSON.parse(
      JSON.stringify(
        toTransactionBody({
          type: "authorize",
          amount: 1,
          idempotencyKey: "k",
          source: { kind: "token", token: "tok" },
        }),
      ),
    );
    expect(tokenBody.payment_method).toEqual({ token: "tok" });
    expect(tokenBody.billing_address).toBeUndefined();
  });

  it("builds search bodies with operators, closed date ranges and a limit clamped to 1..100", () => {
    const now = new Date("2026-01-10T00:00:00.000Z");
    const body = toTransactionSearchBody(
      { status: "settled", amount: { op: ">", value: 100 }, createdFrom: "2026-01-01T00:00:00.000Z", limit: 500 },
      now,
    );
    expect(body).toMatchObject({
      status: { operator: "=", value: "settled" },
      amount: { operator: ">", value: 100 },
      created_at: { start_date: "2026-01-01T00:00:00Z", end_date: "2026-01-11T00:00:00Z" },
      limit: 100,
      offset: 0,
    });
  });

  it("words response codes: specific codes win, generic ones defer to the processor's text", () => {
    expect(responseReason(223, "EXPIRED CARD")).toBe("Expired card");
    expect(responseReason(200, "LOST CARD, PICK UP")).toBe("Lost card, pick up");
    expect(responseReason(200, null)).toBe("Declined by the card issuer");
    expect(responseReason(299, null)).toBe("Declined by the card issuer");
    expect(responseReason(350, null)).toBe("Rejected by the gateway");
  });
});

describe("vault", () => {
  it("maps the documented customer: addresses, defaults, masked card, expiry from a timestamp", () => {
    const c = toCustomer(customerEnvelope.parse(fixture("vault-customer")).data);
    expect(c.id).toBe("952f250d-fa85-40ac-a45e-3886f98032c6");
    expect(c.description).toBe("test description");
    expect(c.addresses).toHaveLength(1);
    expect(c.addresses[0]).toMatchObject({ id: "bl6nqk69ku6897l45fp0", firstName: "John", postalCode: "60187" });
    expect(c.defaults).toEqual({
      billingAddressId: "bl6nqk69ku6897l45fp0",
      shippingAddressId: "bl6nqk69ku6897l45fp0",
      paymentMethodId: "bl6nqk69ku6897l45fq0",
      paymentMethodType: "card",
    });
    expect(c.paymentMethods).toEqual([
      {
        kind: "card",
        id: "bl6nqk69ku6897l45fq0",
        brand: "visa",
        maskedNumber: "411111******1111",
        lastFour: "1111",
        expiration: "12/20",
        isDefault: true,
      },
    ]);
    expect(c.createdAt).toBe("2019-08-09T14:04:00.786Z");
  });

  it("maps a payment-method answer (flags, notes)", () => {
    const c = toCustomer(customerEnvelope.parse(fixture("vault-payment-created")).data);
    expect(c.flags).toEqual(["surcharge_exempt"]);
    expect(c.notes).toBeNull();
  });
});

describe("recurring", () => {
  it("maps add-ons and discounts (amount or percentage, duration)", () => {
    expect(toAdjustment(adjustmentEnvelope.parse(fixture("addon")).data)).toMatchObject({
      id: "b89ffdqj8m0o735i19i0",
      amount: 100,
      percentage: null,
      duration: 0,
    });
    const list = adjustmentListEnvelope.parse(fixture("discounts")).data ?? [];
    expect(list.map(toAdjustment).map((d) => [d.amount, d.percentage])).toEqual([
      [100, null],
      [null, 10],
    ]);
    expect(toAdjustmentBody({ name: "10%", percentage: 10000 })).toEqual({
      name: "10%",
      description: "",
      percentage: 10000,
      duration: 0,
    });
  });

  it("maps plans with billing days as numbers and embedded add-ons/discounts", () => {
    const p = toPlan(planEnvelope.parse(fixture("plan")).data);
    expect(p).toMatchObject({
      billingFrequency: "twice_monthly",
      billingDays: [1, 15],
      totalAddOns: 100,
      totalDiscounts: 50,
      billingCycleInterval: 1,
    });
    expect(p.addOns[0]?.id).toBe("b75cvl51tlv38t0o7o30");
    expect(planListEnvelope.parse(fixture("plans")).data).toHaveLength(1);
    expect(billingDays("0")).toEqual([0]);
    expect(billingDays("1, 15")).toEqual([1, 15]);
  });

  it("maps subscriptions and their status changes", () => {
    const s = toSubscription(subscriptionEnvelope.parse(fixture("subscription")).data);
    expect(s).toMatchObject({
      planId: "b89g35qj8m0o735i19jg",
      nextBillDate: "2017-11-22",
      totalDiscounts: 50,
      customer: { id: "b81ko5qq9qq5v460r9i0", paymentMethodType: "card" },
    });
    // The documented GET example has no status; the mapping says so rather than guessing.
    expect(s.status).toBe("unknown");
    expect(toSubscription(subscriptionEnvelope.parse(fixture("subscription-paused")).data).status).toBe("paused");
    const active = toSubscription(subscriptionEnvelope.parse(fixture("subscription-active")).data);
    expect(active).toMatchObject({ status: "active", currency: "USD", billingDays: [1] });
    expect(active.customer.paymentMethodId).toBeNull();
  });
});

describe("invoices, terminals, settlement, file batch, fees", () => {
  it("maps the documented invoice with its hosted page and public id", () => {
    const inv = toInvoice(invoiceEnvelope.parse(fixture("invoice")).data);
    expect(inv).toMatchObject({
      id: "bhi9vado3hogrne0u4tg",
      status: "pending",
      subtotal: 100,
      total: 100,
      amountDue: 100,
      amountPaid: 0,
      paymentMethods: ["card"],
      hostedUrl: "http://localhost:8080/invoice/d038ea94-3f4f-4703-9e94-74792605944e",
      publicId: "d038ea94-3f4f-4703-9e94-74792605944e",
      lastSentAt: null,
    });
    expect(inv.items[0]).toMatchObject({ name: "Widget", unitPrice: 100, amount: 100, status: "pending" });
    expect(inv.billTo?.line1).toBe("123 Drury Lane");
    expect(emptyEnvelope.parse(fixture("delete-invoice")).status).toBe("success");
  });

  it("builds an invoice create body with the seed's required fields", () => {
    const body = toInvoiceBody(
      {
        payableTo: { line1: "1 Main", city: "Wheaton", state: "IL", postalCode: "60187", country: "US" },
        billTo: { line1: "2 Side", city: "Wheaton", state: "IL", postalCode: "60187", country: "US" },
        dateDue: "2026-12-01T00:00:00.000Z",
        items: [{ name: "Widget", quantity: 2, unitPrice: 1500 }],
      },
      "create",
    );
    expect(body).toMatchObject({
      currency: "USD",
      tax_percent: "0.000",
      payment_methods: ["card"],
      card_processor_id: "",
      ach_processor_id: "",
      send_via: "none",
      payable_to: { address_line_1: "1 Main" },
      items: [{ name: "Widget", quantity: 2, unit_price: 1500, status: "pending" }],
    });
    expect(toInvoiceBody({ message: "hi" }, "update")).toEqual(expect.objectContaining({ message: "hi" }));
    expect(toInvoiceBody({ message: "hi" }, "update").currency).toBeUndefined();
  });

  it("maps terminals without their device auth key", () => {
    const [t] = (terminalListEnvelope.parse(fixture("terminals")).data ?? []).map(toTerminal);
    expect(t).toMatchObject({ id: "1ucio551tlv85l7moe5s", model: "z11", tpn: "1811000XXXX", autoSettle: true });
    expect(JSON.stringify(t)).not.toContain("wcR1c9o1");
    expect(t?.updatedAt).toBeNull();
  });

  it("words a terminal run's progress from the transaction it reports", () => {
    const base = transactionEnvelope.parse(fixture("terminal-sale")).data;
    const at = (over: Partial<typeof base>) => toTerminalRun(toTransaction({ ...base, ...over })).state;
    expect(at({ status: "pending", response: "pending", response_code: 99 })).toBe("waiting");
    expect(at({ status: "pending", response: "pending", response_code: 0 })).toBe("waiting");
    expect(at({ status: "pending", response: "pending", response_code: 101 })).toBe("processing");
    expect(at({ status: "declined", response: "declined", response_code: 200 })).toBe("declined");
    expect(at({ status: "declined", response: "error", response_code: 400 })).toBe("error");
    expect(at({})).toBe("approved");
  });

  it("maps settlement search summary and batches", () => {
    const r = toBatchSearchResult(batchSearchEnvelope.parse(fixture("settlement-batch-search")), 10, 0);
    expect(r.totalCount).toBe(1);
    expect(r.items[0]).toMatchObject({
      id: "cccccccccccccccccccc",
      capturedAmount: 10000,
      netDeposit: 10000,
      batchNumber: 1,
    });
    expect(r.summary[0]).toMatchObject({ batchDate: "2018-12-04", transactionCount: 1, capturedAmount: 10000 });
  });

  it("reads file batch upload (enveloped) and status (bare object)", () => {
    expect(toFileBatch(fileBatchUploadEnvelope.parse(fixture("filebatch-upload")).data)).toEqual({
      id: "b1",
      status: "pending",
      lineCount: null,
      processedLines: null,
    });
    const status = fileBatchStatusSchema.parse(fixture("filebatch-status"));
    expect("data" in status).toBe(false);
    expect(toFileBatch("data" in status ? status.data : status)).toEqual({
      id: "b1",
      status: "completed",
      lineCount: 1,
      processedLines: 1,
    });
  });

  it("maps the fee lookup and amount calculation examples", () => {
    expect(toFeeQuote(feeLookupEnvelope.parse(fixture("lookup-fees")).data, 1000)).toEqual({
      baseAmount: 1000,
      totalAmount: 1350,
      surcharge: 350,
      serviceFee: 0,
      discount: 0,
      paymentAdjustment: { type: null, value: 0 },
    });
    const q = toAmountQuote(amountsEnvelope.parse(fixture("calculate-amounts")).data);
    expect(q).toMatchObject({ subtotal: 1000, tax: 180, serviceFee: 350, surcharge: 0, total: 1530 });
    expect(q.lines.filter((l) => l.display).map((l) => l.key)).toEqual([
      "subtotal",
      "amount",
      "service_fee",
      "tax",
      "total",
    ]);
    expect(q.disclosure.display).toBe(false);
  });
});

describe("pure helpers (properties)", () => {
  it("expiry in any spelling normalises to MM/YY", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2000, max: 2099 }), (m, y) => {
        const mm = String(m).padStart(2, "0");
        const yy = String(y).slice(2);
        const want = `${mm}/${yy}`;
        return (
          expiration(`${mm}/${yy}`) === want &&
          expiration(`${mm}${yy}`) === want &&
          expiration(`${m}/${y}`) === want &&
          expiration(`${y}-${mm}-28T00:00:00Z`) === want
        );
      }),
      { numRuns: 300 },
    );
  });

  it("the gateway's zero time is null and any real timestamp becomes ISO UTC", () => {
    expect(isoTime("0001-01-01T00:00:00Z")).toBeNull();
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01"), max: new Date("2099-01-01"), noInvalidDate: true }), (d) => {
        return isoTime(d.toISOString()) === d.toISOString();
      }),
      { numRuns: 200 },
    );
  });

  it("a mapped card transaction never carries more than first six and last four digits", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{6}$/), fc.stringMatching(/^[0-9]{4}$/), (six, four) => {
        const wire = structuredClone(fixture("sale-approved")) as {
          data: { response_body: { card: Record<string, string> } };
        };
        wire.data.response_body.card.masked_card = `${six}******${four}`;
        wire.data.response_body.card.first_six = six;
        wire.data.response_body.card.last_four = four;
        const t = toTransaction(transactionEnvelope.parse(wire).data);
        return !/\d{11,}/.test(JSON.stringify(t));
      }),
      { numRuns: 100 },
    );
  });
});
