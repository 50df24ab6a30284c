import { describe, expect } from "vitest";
import { InvalidRequest, NotFound } from "@/lib/gateway/errors";
import { CARD, eventually, futureExpiry, connect, type Target } from "./targets";

export function recurringSuite(target: Target): void {
  describe(`FluidPay adapter · recurring · ${target.name}`, () => {
    const { ctx, live, sandboxOnly } = connect(target);

    live("add-ons: create, get, update, list, delete", async () => {
      const api = ctx.adapter.recurring.addOns;
      const a = await api.create({ name: "Support", description: "priority support", amount: 500, duration: 3 });
      expect(a).toMatchObject({ name: "Support", amount: 500, percentage: null, duration: 3 });
      expect(await api.get(a.id)).toMatchObject({ id: a.id, amount: 500 });
      const u = await api.update(a.id, { name: "Support+", amount: 700 });
      expect(u).toMatchObject({ id: a.id, name: "Support+", amount: 700, duration: 0 });
      expect((await api.list()).map((x) => x.id)).toContain(a.id);
      await api.delete(a.id);
      expect(await api.get(a.id).catch((e) => e)).toBeInstanceOf(NotFound);
    });

    live("discounts in thousandths of a percent; amount and percentage together are refused", async () => {
      const api = ctx.adapter.recurring.discounts;
      const d = await api.create({ name: "Ten off", percentage: 10_000 });
      expect(d).toMatchObject({ percentage: 10_000, amount: null });
      expect((await api.list()).some((x) => x.id === d.id)).toBe(true);
      expect(await api.get(d.id)).toMatchObject({ id: d.id, percentage: 10_000 });
      const fixed = await api.update(d.id, { name: "Five dollars off", amount: 500, duration: 2 });
      expect(fixed).toMatchObject({ id: d.id, amount: 500, percentage: null, duration: 2 });
      // The gateway takes amount or percentage, never both; the adapter sends only the percentage.
      const both = await api.create({ name: "Both", amount: 100, percentage: 1000 });
      expect(both).toMatchObject({ percentage: 1000, amount: null });
      const bad = await api.create({ name: "Too much", percentage: 200_000 }).catch((e) => e);
      expect(bad).toBeInstanceOf(InvalidRequest);
      await api.delete(d.id);
    });

    live("plans with add-ons and discounts: totals, update, list, delete", async () => {
      const addOn = await ctx.adapter.recurring.addOns.create({ name: "Extra", amount: 300 });
      const discount = await ctx.adapter.recurring.discounts.create({ name: "Loyal", amount: 100 });
      const plans = ctx.adapter.recurring.plans;
      const p = await plans.create({
        name: "Gold",
        description: "monthly gold",
        amount: 2000,
        billingCycleInterval: 1,
        billingFrequency: "twice_monthly",
        billingDays: [1, 15],
        duration: 0,
        addOns: [{ id: addOn.id }],
        discounts: [{ id: discount.id }],
      });
      expect(p).toMatchObject({ name: "Gold", amount: 2000, billingFrequency: "twice_monthly", billingDays: [1, 15] });
      expect(p.addOns.map((x) => x.id)).toEqual([addOn.id]);
      expect(p.totalAddOns).toBe(300);
      expect(p.totalDiscounts).toBe(100);
      const u = await plans.update(p.id, {
        name: "Gold 2",
        amount: p.amount,
        billingCycleInterval: 1,
        billingFrequency: "monthly",
        billingDays: [0],
        duration: 0,
        addOns: p.addOns,
        discounts: p.discounts,
      });
      expect(u).toMatchObject({ name: "Gold 2", billingDays: [0], billingFrequency: "monthly" });
      expect((await plans.list()).map((x) => x.id)).toContain(p.id);
      await plans.delete(p.id);
      expect(await plans.get(p.id).catch((e) => e)).toBeInstanceOf(NotFound);
    });

    live("subscriptions: create for a vaulted customer, status changes, search, update, delete", async () => {
      const customer = await ctx.adapter.vault.createCustomer({
        description: "subscriber",
        paymentMethod: { kind: "card", number: CARD.approve, expiration: futureExpiry() },
      });
      const plan = await ctx.adapter.recurring.plans.create({
        name: "Basic",
        amount: 1000,
        billingCycleInterval: 1,
        billingFrequency: "monthly",
        billingDays: [1],
        duration: 0,
      });
      const subs = ctx.adapter.recurring.subscriptions;
      const s = await subs.create({
        planId: plan.id,
        description: "basic for subscriber",
        customer: { id: customer.id },
        amount: 1000,
        billingCycleInterval: 1,
        billingFrequency: "monthly",
        billingDays: [1],
        duration: 0,
      });
      expect(s).toMatchObject({ planId: plan.id, status: "active", amount: 1000, customer: { id: customer.id } });
      expect(s.nextBillDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      expect((await subs.setStatus(s.id, "paused")).status).toBe("paused");
      const resumed = await subs.setStatus(s.id, "active", { nextBillDate: "2099-01-01" });
      expect(resumed).toMatchObject({ status: "active", nextBillDate: "2099-01-01" });

      expect((await subs.get(s.id)).customer.id).toBe(customer.id);

      const u = await subs.update(s.id, { customer: { id: customer.id }, amount: 1500, description: "upgraded" });
      expect(u).toMatchObject({ amount: 1500, description: "upgraded" });
      expect((await subs.get(s.id)).amount).toBe(1500);

      expect((await subs.setStatus(s.id, "cancelled")).status).toBe("cancelled");
      await subs.delete(s.id);
      expect(await subs.get(s.id).catch((e) => e)).toBeInstanceOf(NotFound);
    });

    sandboxOnly("the billing engine charges a due subscription as the clock advances", async () => {
      const customer = await ctx.adapter.vault.createCustomer({
        description: "billed",
        paymentMethod: { kind: "card", number: CARD.approve, expiration: futureExpiry() },
      });
      const s = await ctx.adapter.recurring.subscriptions.create({
        customer: { id: customer.id },
        amount: 1234,
        billingCycleInterval: 1,
        billingFrequency: "daily",
        billingDays: [],
        duration: 2,
      });
      await ctx.control!.advanceSeconds(3 * 86_400);
      const charged = await eventually(
        () => ctx.adapter.transactions.search({ customerId: customer.id }),
        (p) => p.items.filter((t) => t.subscriptionId === s.id).length >= 2,
      );
      const mine = charged.items.filter((t) => t.subscriptionId === s.id);
      expect(mine.every((t) => t.amount === 1234 && t.approved)).toBe(true);
      expect(mine).toHaveLength(2);
      expect((await ctx.adapter.recurring.subscriptions.get(s.id)).status).toBe("completed");
    });
  });
}
