import { beforeAll, describe, expect, it } from "vitest";
import { createMerchant, harness } from "./helpers";
import { openForFile } from "@/tests/helpers/for-file";

const h = openForFile(harness);

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const body = async (r: Response) => (await r.json()) as Body;
const fields = (b: Body) =>
  ((b.errors ?? []) as { code: string; errorField: string }[]).map((e) => `${e.code}@${e.errorField}`);
const DAY = 24 * 60 * 60;

describe("equipment catalog", () => {
  it("lists, filters and pages the catalog", async () => {
    const all = await body(await h.api("GET", "/equipmentCatalog/list?pageNumber=1&pageSize=100"));
    expect(all.rows.length).toBeGreaterThan(3);
    expect(all.rows[0]).toEqual(
      expect.objectContaining({
        equipmentId: expect.any(Number),
        equipmentName: expect.any(String),
        defaultPrice: expect.any(Number),
      }),
    );
    const terminals = await body(await h.api("GET", "/equipmentCatalog/list?equipmentTypeCd=TERMINAL&pageSize=2"));
    expect(terminals.rows).toHaveLength(2);
    expect(terminals.moreRowsAvailable).toBe(true);
    expect(terminals.rows.every((r: Body) => r.equipmentTypeCd === "TERMINAL")).toBe(true);
    const bad = await h.api("GET", "/equipmentCatalog/list?pageNumber=0");
    expect(bad.status).toBe(400);
  });
});

describe("equipment orders", () => {
  let merchantId: string;
  const order = (over: Body = {}) => ({
    order: {
      merchantId,
      equipmentId: 10003,
      quantity: 2,
      unitPrice: 329,
      billToCd: "CUST",
      billingFrequencyCd: "ONETIME",
      orderNotes: "front counter",
      shippingDetails: {
        shippingMethodCd: "STANDARD",
        shippingCarrierCd: "UPS",
        merchantContactPhone: "303-555-0100",
        shipToAttn: "Jane",
      },
      ...over,
    },
  });
  beforeAll(async () => {
    merchantId = await createMerchant(h);
  });

  it("creates, reads, updates, lists and cancels a NEW order", async () => {
    const created = await h.api("POST", "/order", order());
    expect(created.status).toBe(200);
    const { orderId } = await body(created);
    expect(orderId).toEqual(expect.any(Number));
    const got = await body(await h.api("GET", `/order/${orderId}`));
    expect(got).toMatchObject({
      orderId,
      merchantId,
      equipmentId: 10003,
      quantity: 2,
      orderStatusCd: "NEW",
      errors: null,
    });

    expect((await h.api("PUT", `/order/${orderId}`, order({ quantity: 3 }))).status).toBe(200);
    expect((await body(await h.api("GET", `/order/${orderId}`))).quantity).toBe(3);

    const list = await body(await h.api("GET", `/order/list?merchantId=${merchantId}&pageSize=10&pageNumber=1`));
    expect(list.rows.map((r: Body) => r.orderId)).toContain(orderId);

    expect((await h.api("POST", `/order/${orderId}/cancel`)).status).toBe(200);
    const cancelled = await body(await h.api("GET", `/order/${orderId}`));
    expect(cancelled.orderStatusCd).toBe("CANCELLED");
    expect(cancelled.canceledDatetime).not.toBeNull();
    expect((await h.api("POST", `/order/${orderId}/cancel`)).status).toBe(400);
  });

  it("validates orders field by field", async () => {
    const r = await h.api(
      "POST",
      "/order",
      order({
        equipmentId: 1,
        quantity: 0,
        billToCd: "X",
        shippingDetails: { merchantContactPhone: "5550100", shippingCarrierCd: "DHL" },
      }),
    );
    expect(r.status).toBe(400);
    expect(fields(await body(r))).toEqual(
      expect.arrayContaining([
        "1151@order.equipmentId",
        "1152@order.quantity",
        "1154@order.billToCd",
        "1154@order.shippingDetails.shippingCarrierCd",
        "1115@order.shippingDetails.merchantContactPhone",
      ]),
    );
    expect((await h.api("POST", "/order", order({ merchantId: "1" }))).status).toBe(404);
    expect((await h.api("GET", "/order/999999999")).status).toBe(404);
  });

  it("refuses an over-long acctId instead of storing and echoing it back", async () => {
    const acctId = "1".repeat(40);
    const r = await h.api("POST", "/order", order({ acctId }));
    expect(r.status).toBe(400);
    const text = await r.text();
    expect(fields(JSON.parse(text) as Body)).toEqual(["1163@order.acctId"]);
    expect(text).not.toContain(acctId);
    expect((await h.api("POST", "/order", order({ acctId: "1" }))).status).toBe(200);
  });

  it("places the order when the merchant is boarded and ships it a day later; then it cannot be cancelled", async () => {
    const { orderId } = await body(await h.api("POST", "/order", order()));
    await h.api("PUT", `/merchant/${merchantId}/signature`);
    await h.control(`/merchants/${merchantId}/advance`, { to: "BOARDED" });
    const placed = await body(await h.api("GET", `/order/${orderId}`));
    expect(placed.orderStatusCd).toBe("PLACED");
    expect(placed.placedDatetime).not.toBeNull();
    expect((await h.api("POST", `/order/${orderId}/cancel`)).status).toBe(400);
    expect((await h.api("PUT", `/order/${orderId}`, order())).status).toBe(400);
    await h.advanceClock(DAY);
    const shipped = await body(await h.api("GET", `/order/${orderId}`));
    expect(shipped.orderStatusCd).toBe("SHIPPED");
    expect(shipped.shippingDetails.trackingNumber).toMatch(/^1Z/);
  });
});

describe("billing plans", () => {
  const merchId = "496160873888";
  const profileId = "12345678901234567890";
  let startDate: string;
  beforeAll(async () => {
    const clock = await body(await h.control("/clock", { username: h.creds.username, advance_seconds: 0 }));
    const now = new Date(clock.now as string);
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    startDate = `${String(next.getUTCMonth() + 1).padStart(2, "0")}${String(next.getUTCDate()).padStart(2, "0")}${next.getUTCFullYear()}`;
  });
  const plan = (over: Body = {}) => ({
    billingPlan: {
      merchId,
      profileId,
      acctId: "1",
      amount: 12.99,
      timeSpan: 3,
      every: 1,
      untilCondition: "N",
      untilNumPayments: 3,
      currencySymbol: "$",
      startDate,
      billingPlanName: "monthly bread club",
      options: [{ name: "email_receipt", value: "1" }],
      ...over,
    },
  });

  it("creates a plan and computes its schedule", async () => {
    const r = await h.api("POST", "/billingplan/create", plan());
    expect(r.status).toBe(200);
    const { billingPlan: p, errors } = await body(r);
    expect(errors).toBeNull();
    expect(p).toMatchObject({
      merchId,
      profileId,
      acctId: "1",
      amount: 12.99,
      planStatus: "A",
      startDate,
      untilCondition: "N",
    });
    expect(p.billingPlanId).toMatch(/^\d+$/);
    expect(p.profileGuid).toMatch(/^[0-9a-f]{32}$/);
    expect(p.schedules).toHaveLength(3);
    expect(p.schedules[0]).toMatchObject({
      paymentStatus: "Scheduled",
      scheduledAmount: 12.99,
      actualAmount: null,
      retref: null,
    });
    expect(p.schedules[0].scheduledPaymentDate).toBe(
      `${startDate.slice(0, 2)}/${startDate.slice(2, 4)}/${startDate.slice(4)}`,
    );
  });

  it("validates the billing plan object", async () => {
    const r = await h.api(
      "POST",
      "/billingplan/create",
      plan({
        billingPlanId: "5",
        profileId: "123",
        amount: -1,
        timeSpan: 9,
        untilCondition: "D",
        untilDate: null,
        startDate: "01012000",
        billingPlanName: "x".repeat(31),
        options: [],
      }),
    );
    expect(r.status).toBe(400);
    expect(fields(await body(r))).toEqual(
      expect.arrayContaining([
        "1160@billingPlan.billingPlanId",
        "1162@billingPlan.profileId",
        "1164@billingPlan.amount",
        "1165@billingPlan.timeSpan",
        "1167@billingPlan.startDate",
        "1170@billingPlan.untilDate",
        "1172@billingPlan.billingPlanName",
        "1173@billingPlan.options",
      ]),
    );
  });

  it("lists plans without schedules and gets one with them", async () => {
    const { billingPlan } = await body(
      await h.api(
        "POST",
        "/billingplan/create",
        plan({ untilCondition: "C", untilNumPayments: undefined, timeSpan: 2 }),
      ),
    );
    const list = await body(await h.api("GET", `/billingplan/list/${merchId}`));
    const listed = list.billingPlans.find((p: Body) => p.billingPlanId === billingPlan.billingPlanId);
    expect(listed).toBeDefined();
    expect(listed.schedules).toBeNull();
    const one = await body(await h.api("GET", `/billingplan/${merchId}/${billingPlan.billingPlanId}`));
    // Until cancelled: one year of weekly payments ahead.
    expect(one.billingPlan.schedules.length).toBeGreaterThanOrEqual(52);
    expect((await h.api("GET", `/billingplan/000000000000/${billingPlan.billingPlanId}`)).status).toBe(404);
  });

  it("updates the account, marks a payment paid, cancels a payment, then cancels the plan", async () => {
    const { billingPlan: p } = await body(await h.api("POST", "/billingplan/create", plan()));
    const upd = await body(
      await h.api("POST", "/billingplan/updateAccount", {
        merchId,
        billingPlanId: p.billingPlanId,
        profileId: "98765432109876543210",
        acctId: "2",
      }),
    );
    expect(upd.billingPlan).toMatchObject({ profileId: "98765432109876543210", acctId: "2" });

    const [first, second, third] = p.schedules as Body[];
    const paid = await body(
      await h.api("POST", "/billingplan/markAsPaid", {
        billingPlanScheduleId: String(first!.billingPlanScheduleId),
        retref: "R123456789012",
        billingPlanId: p.billingPlanId,
        merchId,
      }),
    );
    expect(paid.billingPlan.schedules[0]).toMatchObject({
      paymentStatus: "Paid",
      retref: "R123456789012",
      actualAmount: 12.99,
    });
    const again = await h.api("POST", "/billingplan/markAsPaid", {
      billingPlanScheduleId: String(first!.billingPlanScheduleId),
    });
    expect(again.status).toBe(400);

    const cp = await body(
      await h.api("POST", "/billingplan/cancelPayment", {
        billingPlanScheduleId: String(second!.billingPlanScheduleId),
        merchId,
      }),
    );
    expect(cp.billingPlan.schedules[1].paymentStatus).toBe("Cancelled");

    const cancelled = await body(
      await h.api("POST", "/billingplan/cancel", { merchId, billingPlanId: p.billingPlanId }),
    );
    expect(cancelled.billingPlan.planStatus).toBe("C");
    expect(cancelled.billingPlan.schedules.map((s: Body) => s.paymentStatus)).toEqual([
      "Paid",
      "Cancelled",
      "Cancelled",
    ]);
    expect(third).toBeDefined();
    expect((await h.api("POST", "/billingplan/cancel", { merchId, billingPlanId: p.billingPlanId })).status).toBe(400);
    const locked = await h.api("POST", "/billingplan/updateAccount", {
      merchId,
      billingPlanId: p.billingPlanId,
      profileId,
    });
    expect(locked.status).toBe(400);
  });

  it("does not show another user's schedules", async () => {
    const { billingPlan: p } = await body(await h.api("POST", "/billingplan/create", plan()));
    const other = await body(await h.control("/users", {}));
    const t = await body(
      await h.tokenRequest({
        grant_type: "password",
        client_id: "merchapi",
        client_secret: other.client_secret,
        username: other.username,
        password: other.password,
      }),
    );
    const r = await h.api(
      "POST",
      "/billingplan/markAsPaid",
      { billingPlanScheduleId: String(p.schedules[0].billingPlanScheduleId) },
      { authorization: `Bearer ${t.access_token}` },
    );
    expect(r.status).toBe(404);
  });
  it("finishes an N-payment plan once its last date has passed", async () => {
    const { billingPlan: p } = await body(
      await h.api("POST", "/billingplan/create", plan({ timeSpan: 1, untilNumPayments: 2 })),
    );
    await h.advanceClock(4 * DAY);
    const got = await body(await h.api("GET", `/billingplan/${merchId}/${p.billingPlanId}`));
    expect(got.billingPlan.planStatus).toBe("F");
  });
});
