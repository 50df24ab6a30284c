import { describe, expect, it } from "vitest";
import type { Customer } from "@/lib/gateway/types";
import { BLANK_ADDRESS } from "@/lib/gateway/types-common";
import { rowsFromCustomer } from "./customers";

const blank = BLANK_ADDRESS;

const customer: Customer = {
  id: "c1",
  description: "Wholesale",
  notes: null,
  flags: [],
  addresses: [
    { ...blank, id: "a1", firstName: "Ship", lastName: "Only", email: "ship@example.test" },
    { ...blank, id: "a2", firstName: "Ada", lastName: "Lovelace", company: "Engines", email: "ada@example.test" },
  ],
  paymentMethods: [
    {
      kind: "card",
      id: "p1",
      brand: "visa",
      maskedNumber: "411111******1111",
      lastFour: "1111",
      expiration: "12/30",
      isDefault: false,
    },
    {
      kind: "ach",
      id: "p2",
      maskedAccount: "******6789",
      lastFour: "6789",
      routingNumber: "021000021",
      accountType: "checking",
      secCode: "web",
      isDefault: true,
    },
  ],
  defaults: { billingAddressId: "a2", shippingAddressId: "a1", paymentMethodId: "p2", paymentMethodType: "ach" },
  createdAt: "2026-11-01T10:00:00.000Z",
  updatedAt: "2026-11-02T10:00:00.000Z",
};

describe("vault customer → cache rows", () => {
  it("names the customer from the default billing address and summarises the default method", () => {
    const { customer: row, addresses, methods } = rowsFromCustomer("m1", customer);
    expect(row).toMatchObject({
      merchantId: "m1",
      providerId: "c1",
      name: "Ada Lovelace",
      email: "ada@example.test",
      company: "Engines",
      defaultMethodKind: "ach",
      defaultLastFour: "6789",
      defaultMasked: "******6789",
      paymentMethodCount: 2,
      deletedAt: null,
    });
    expect(addresses.map((a) => [a.addressId, a.isDefaultBilling, a.isDefaultShipping])).toEqual([
      ["a1", false, true],
      ["a2", true, false],
    ]);
    expect(methods.map((m) => [m.paymentMethodId, m.kind, m.masked, m.isDefault])).toEqual([
      ["p1", "card", "411111******1111", false],
      ["p2", "ach", "******6789", true],
    ]);
  });

  it("keeps no routing number or other unmasked data", () => {
    expect(JSON.stringify(rowsFromCustomer("m1", customer))).not.toContain("021000021");
  });
});
