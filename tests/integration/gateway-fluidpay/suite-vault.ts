import { randomUUID } from "node:crypto";
import { describe, expect } from "vitest";
import { InvalidRequest, NotFound } from "@/lib/gateway/errors";
import { CARD, futureExpiry, orderId, connect, type Target } from "./targets";

export function vaultSuite(target: Target): void {
  describe(`FluidPay adapter · customer vault · ${target.name}`, () => {
    const { ctx, live, sandboxOnly } = connect(target);

    const address = (line1: string) => ({
      firstName: "Grace",
      lastName: `Hopper${line1.length}`,
      company: "Navy",
      line1,
      city: "Arlington",
      state: "VA",
      postalCode: "22201",
      country: "US",
      email: "grace@example.com",
      phone: "5555555555",
    });

    live("a customer created with default card 4111111111111111 reads back as 411111******1111", async () => {
      const created = await ctx.adapter.vault.createCustomer({
        description: "vault acceptance",
        paymentMethod: { kind: "card", number: CARD.approve, expiration: futureExpiry() },
        billingAddress: address("1 Vault Way"),
      });
      expect(created.paymentMethods).toHaveLength(1);
      expect(created.paymentMethods[0]).toMatchObject({
        kind: "card",
        maskedNumber: "411111******1111",
        lastFour: "1111",
        brand: "visa",
        isDefault: true,
      });
      expect(created.defaults.paymentMethodType).toBe("card");
      const read = await ctx.adapter.vault.getCustomer(created.id);
      expect(read.paymentMethods[0]?.kind === "card" && read.paymentMethods[0].maskedNumber).toBe("411111******1111");
      expect(read.addresses[0]).toMatchObject({ line1: "1 Vault Way", postalCode: "22201" });
      expect(JSON.stringify(read)).not.toContain(CARD.approve);
    });

    live("update, addresses (add, update, duplicate refused, delete) and defaults", async () => {
      const c = await ctx.adapter.vault.createCustomer({
        description: "addresses",
        billingAddress: address("10 First St"),
      });
      const updated = await ctx.adapter.vault.updateCustomer(c.id, { description: "renamed", notes: "vip" });
      expect(updated).toMatchObject({ id: c.id, description: "renamed" });

      const { customer, addressId } = await ctx.adapter.vault.addAddress(c.id, address("20 Second St"));
      expect(customer.addresses.map((a) => a.id)).toContain(addressId);
      const dup = await ctx.adapter.vault.addAddress(c.id, address("20 Second St")).catch((e) => e);
      expect(dup).toBeInstanceOf(InvalidRequest);
      expect((dup as InvalidRequest).gatewayMessage).toMatch(/duplicate/i);

      const changed = await ctx.adapter.vault.updateAddress(c.id, addressId, { ...address("21 Second St") });
      expect(changed.addresses.find((a) => a.id === addressId)?.line1).toBe("21 Second St");

      const withDefault = await ctx.adapter.vault.updateCustomer(c.id, { defaults: { shippingAddressId: addressId } });
      expect(withDefault.defaults.shippingAddressId).toBe(addressId);

      const other = c.addresses[0]!.id;
      const after = await ctx.adapter.vault.deleteAddress(c.id, other);
      expect(after.addresses.map((a) => a.id)).not.toContain(other);
    });

    live("payment methods: add card and ACH, make one the default, delete one", async () => {
      const c = await ctx.adapter.vault.createCustomer({ description: "methods" });
      expect(c.paymentMethods).toEqual([]);
      const added = await ctx.adapter.vault.addPaymentMethod(c.id, {
        kind: "card",
        number: CARD.mastercard,
        expiration: futureExpiry(),
      });
      const card = added.customer.paymentMethods.find((p) => p.id === added.paymentMethodId);
      expect(card).toMatchObject({ kind: "card", brand: "mastercard", lastFour: "4444" });
      const ach = await ctx.adapter.vault.addPaymentMethod(c.id, {
        kind: "ach",
        routingNumber: "490000018",
        accountNumber: "123456789",
        accountType: "savings",
        secCode: "web",
      });
      const achMethod = ach.customer.paymentMethods.find((p) => p.id === ach.paymentMethodId);
      expect(achMethod).toMatchObject({ kind: "ach", accountType: "savings", lastFour: "6789" });
      expect(JSON.stringify(ach.customer)).not.toContain("123456789");

      const def = await ctx.adapter.vault.updateCustomer(c.id, {
        defaults: { paymentMethodId: ach.paymentMethodId, paymentMethodType: "ach" },
      });
      expect(def.paymentMethods.find((p) => p.isDefault)?.id).toBe(ach.paymentMethodId);

      const removed = await ctx.adapter.vault.deletePaymentMethod(c.id, "card", added.paymentMethodId);
      expect(removed.paymentMethods.map((p) => p.id)).toEqual([ach.paymentMethodId]);
    });

    sandboxOnly("a tokenizer token becomes a stored card, and the vaulted customer can be charged", async () => {
      const token = await ctx.control!.mintToken({
        card: { number: CARD.surchargeable, expiration_date: futureExpiry(), cvc: "123" },
      });
      const c = await ctx.adapter.vault.createCustomer({ description: "token customer" });
      const { customer, paymentMethodId } = await ctx.adapter.vault.addPaymentMethod(c.id, { kind: "token", token });
      expect(customer.paymentMethods.find((p) => p.id === paymentMethodId)).toMatchObject({
        kind: "card",
        lastFour: "0004",
      });
      const sale = await ctx.adapter.transactions.create({
        type: "sale",
        amount: 2500,
        idempotencyKey: randomUUID(),
        orderId: orderId("VLT"),
        source: { kind: "customer", customerId: c.id, paymentMethodId, paymentMethodType: "card" },
      });
      expect(sale).toMatchObject({ approved: true, customerId: c.id });
      expect(sale.paymentMethod).toMatchObject({ kind: "card", lastFour: "0004" });
    });

    sandboxOnly("a sale paid by a tokenizer token can be saved to the vault", async () => {
      const token = await ctx.control!.mintToken({
        card: { number: CARD.approve, expiration_date: futureExpiry(), cvc: "123" },
      });
      const t = await ctx.adapter.transactions.create({
        type: "sale",
        amount: 1500,
        idempotencyKey: randomUUID(),
        source: { kind: "token", token },
        saveToVault: true,
        billingAddress: { firstName: "Tok", lastName: "En", line1: "5 Token Rd", postalCode: "60187" },
      });
      expect(t.approved).toBe(true);
      expect(t.paymentMethod).toMatchObject({ kind: "card", maskedNumber: "411111******1111" });
    });

    live("search by id and by last name, with paging", async () => {
      const lastName = `Search${randomUUID().replace(/-/g, "").slice(0, 10)}`;
      const c = await ctx.adapter.vault.createCustomer({
        description: "searchable",
        billingAddress: { ...address("7 Find Ct"), lastName },
      });
      const byId = await ctx.adapter.vault.searchCustomers({ id: c.id });
      expect(byId.items.map((x) => x.id)).toEqual([c.id]);
      const byName = await ctx.adapter.vault.searchCustomers({ lastName, limit: 5 });
      expect(byName.items.map((x) => x.id)).toEqual([c.id]);
      expect(byName.totalCount).toBe(1);
    });

    live("a deleted customer is NotFound", async () => {
      const c = await ctx.adapter.vault.createCustomer({ description: "to delete" });
      await ctx.adapter.vault.deleteCustomer(c.id);
      const err = await ctx.adapter.vault.getCustomer(c.id).catch((e) => e);
      expect(err).toBeInstanceOf(NotFound);
    });
  });
}
