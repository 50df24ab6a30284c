import { describe, expect, it } from "vitest";
import { chargeSchema } from "./virtual-terminal";

const base = {
  merchantId: "m",
  intentId: "0f8b1c1e-5d7a-4c1e-9a51-2a9d4f3b7c10",
  type: "sale",
  source: "card",
  token: "tok_abcdefgh",
  amount: "42.50",
};

describe("virtual terminal form", () => {
  it("parses amounts to cents without floats and nests address groups", () => {
    const r = chargeSchema.safeParse({
      ...base,
      amount: "$1,234.56",
      taxAmount: "0.10",
      tipAmount: "",
      "billing.firstName": "Ada",
      "billing.state": "ca",
      "shipping.postalCode": "94107",
    });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data).toMatchObject({ amount: 123456, taxAmount: 10, tipAmount: 0, shippingAmount: 0 });
    expect(r.data.billing).toMatchObject({ firstName: "Ada", state: "CA" });
    expect(r.data.shipping).toMatchObject({ postalCode: "94107" });
  });

  it("names the field of each problem, with the input's own name as the path", () => {
    const r = chargeSchema.safeParse({ ...base, amount: "4.255", orderId: "no spaces!", "billing.email": "x" });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["amount", "orderId", "billing.email"]));
  });

  it("applies the rules of each payment source", () => {
    const issues = (input: Record<string, unknown>) =>
      chargeSchema.safeParse({ ...base, ...input }).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(issues({ token: "" })).toEqual(["token"]);
    expect(issues({ source: "ach", type: "authorize" })).toEqual(["type"]);
    expect(issues({ source: "customer", token: "" })).toEqual(["customerId"]);
    expect(issues({ source: "terminal", token: "", terminalId: "t1", type: "credit" })).toEqual(["type"]);
    expect(issues({ amount: "0" })).toEqual(["amount"]);
    expect(issues({ type: "verification", amount: "" })).toEqual([]);
  });

  it("refuses a card number typed where a token belongs, and a missing intent", () => {
    expect(chargeSchema.safeParse({ ...base, token: "4111111111111111" }).success).toBe(false);
    expect(chargeSchema.safeParse({ ...base, intentId: "not-a-uuid" }).success).toBe(false);
  });
});

describe("payment tokens", () => {
  it("accepts gateway tokens, including CardSecure's 16 digits starting with 9, and refuses card numbers", async () => {
    const { tokenSchema } = await import("./customers");
    for (const ok of ["dcfx0c2k9uk5m0a2vqfg", "9418594164541111", "4111111111111112"]) {
      expect(tokenSchema.safeParse(ok).success, ok).toBe(true);
    }
    for (const pan of ["4111111111111111", "5555555555554444", "378282246310005", "4000000000000002"]) {
      expect(tokenSchema.safeParse(pan).success, pan).toBe(false);
    }
  });
});
