import { randomUUID } from "node:crypto";
import { describe, expect } from "vitest";
import { Declined, InvalidRequest, NotFound } from "@/lib/gateway/errors";
import type { InvoiceInput, PaymentSource } from "@/lib/gateway/types";
import { invoiceOrderId } from "@/lib/gateway/fluidpay/adapter-invoices";
import { CARD, futureExpiry, connect, type Target } from "./targets";

const card = (number: string): PaymentSource => ({ kind: "card", number, expiration: futureExpiry(), cvc: "999" });

const addr = {
  firstName: "Pat",
  lastName: "Payer",
  line1: "9 Bill St",
  city: "Wheaton",
  state: "IL",
  postalCode: "60187",
  country: "US",
};

function invoiceInput(over: Partial<InvoiceInput> = {}): InvoiceInput {
  return {
    invoiceNumber: `INV${randomUUID().replace(/-/g, "").slice(0, 10)}`,
    companyName: "Acme",
    payableTo: { ...addr, company: "Acme" },
    billTo: { ...addr, email: "pat@example.com" },
    dateDue: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    items: [
      { name: "Widget", quantity: 2, unitPrice: 1500 },
      { name: "Gadget", quantity: 1, unitPrice: 1250 },
    ],
    paymentMethods: ["card"],
    message: "Thanks",
    ...over,
  };
}

export function invoicesSuite(target: Target): void {
  describe(`FluidPay adapter · invoices · ${target.name}`, () => {
    // Paying through the API uses the sandbox's documented /invoice/{id}/pay (the seed has no API payment call).
    const { ctx, live, sandboxOnly } = connect(target);

    live("create computes totals and a hosted page; get, update, search, delete", async () => {
      const api = ctx.adapter.invoices;
      const inv = await api.create(invoiceInput());
      expect(inv).toMatchObject({ status: "pending", subtotal: 4250, total: 4250, amountDue: 4250, amountPaid: 0 });
      expect(inv.items.map((i) => i.amount)).toEqual([3000, 1250]);
      expect(inv.hostedUrl).toMatch(/^https?:\/\//);
      expect(inv.publicId).toBeTruthy();
      expect(await api.get(inv.id)).toMatchObject({ id: inv.id, invoiceNumber: inv.invoiceNumber });

      const u = await api.update(inv.id, { message: "Updated", shipping: 500 });
      expect(u).toMatchObject({ message: "Updated", shipping: 500, total: 4750, amountDue: 4750 });

      const byId = await api.search({ id: inv.id });
      expect(byId.items.map((i) => i.id)).toEqual([inv.id]);
      const byDue = await api.search({ amountDue: { op: "=", value: 4750 } });
      expect(byDue.items.some((i) => i.id === inv.id)).toBe(true);

      await api.delete(inv.id);
      expect(await api.get(inv.id).catch((e) => e)).toBeInstanceOf(NotFound);
    });

    live("an invoice-level tax rate applies to the taxable lines", async () => {
      const inv = await ctx.adapter.invoices.create(
        invoiceInput({
          taxPercent: "10.000",
          items: [
            { name: "Widget", quantity: 2, unitPrice: 1500, taxable: true },
            { name: "Service", quantity: 1, unitPrice: 1250 },
          ],
        }),
      );
      expect(inv.taxPercent).toMatch(/^10(\.0+)?$/);
      expect(inv.tax).toBe(300);
      expect(inv.total).toBe(4550);
    });

    sandboxOnly("paying in full marks it paid and links the transaction; a second payment is refused", async () => {
      const api = ctx.adapter.invoices;
      const inv = await api.create(invoiceInput());
      const key = randomUUID();
      const { invoice, transaction } = await api.pay(inv.id, { source: card(CARD.approve), idempotencyKey: key });
      expect(invoice).toMatchObject({ status: "paid", amountPaid: 4250, amountDue: 0 });
      // Seed 003, Invoices tip: the invoice's transaction carries its number as order id (and PO number).
      const orderId = invoiceOrderId(inv);
      expect(transaction).toMatchObject({
        approved: true,
        amount: 4250,
        invoiceId: inv.id,
        orderId,
        poNumber: orderId,
      });
      // Replaying the same intent returns the same charge and does not pay twice.
      const again = await api.pay(inv.id, { source: card(CARD.approve), idempotencyKey: key }).catch((e) => e);
      if (again instanceof Error) expect(again).toBeInstanceOf(InvalidRequest);
      else expect(again.transaction.id).toBe(transaction.id);
      expect((await api.get(inv.id)).amountPaid).toBe(4250);
      const second = await api
        .pay(inv.id, { source: card(CARD.approve), idempotencyKey: randomUUID() })
        .catch((e) => e);
      expect(second).toBeInstanceOf(InvalidRequest);
    });

    sandboxOnly("partial payments when allowed; more than due is refused; a decline leaves it unpaid", async () => {
      const api = ctx.adapter.invoices;
      const inv = await api.create(invoiceInput({ allowPartialPayment: true }));
      const declined = await api
        .pay(inv.id, { source: card(CARD.insufficientFunds), idempotencyKey: randomUUID(), amount: 1000 })
        .catch((e) => e);
      expect(declined).toBeInstanceOf(Declined);
      expect((await api.get(inv.id)).amountPaid).toBe(0);

      const part = await api.pay(inv.id, { source: card(CARD.approve), idempotencyKey: randomUUID(), amount: 1000 });
      expect(part.invoice).toMatchObject({ status: "partially_paid", amountPaid: 1000, amountDue: 3250 });
      const over = await api
        .pay(inv.id, { source: card(CARD.approve), idempotencyKey: randomUUID(), amount: 3251 })
        .catch((e) => e);
      expect(over).toBeInstanceOf(InvalidRequest);
      const rest = await api.pay(inv.id, { source: card(CARD.approve), idempotencyKey: randomUUID() });
      expect(rest.invoice).toMatchObject({ status: "paid", amountDue: 0 });

      const full = await api.create(invoiceInput());
      const partialRefused = await api
        .pay(full.id, { source: card(CARD.approve), idempotencyKey: randomUUID(), amount: 100 })
        .catch((e) => e);
      expect(partialRefused).toBeInstanceOf(InvalidRequest);
    });

    sandboxOnly(
      "two tabs paying the same invoice at once: one charge lands, the invoice is never overpaid",
      async () => {
        const api = ctx.adapter.invoices;
        const inv = await api.create(invoiceInput());
        const results = await Promise.allSettled(
          [CARD.approve, CARD.mastercard].map((n) =>
            api.pay(inv.id, { source: card(n), idempotencyKey: randomUUID() }),
          ),
        );
        const paid = results.filter((r) => r.status === "fulfilled");
        expect(paid).toHaveLength(1);
        const refused = results.find((r) => r.status === "rejected");
        expect(refused && refused.status === "rejected" && refused.reason).toBeInstanceOf(InvalidRequest);
        const after = await api.get(inv.id);
        expect(after).toMatchObject({ status: "paid", amountPaid: 4250, amountDue: 0 });
        // At the gateway too: one approved charge stands (a second one, if both tabs charged, voided itself).
        const standing = (await ctx.adapter.transactions.search({ orderId: invoiceOrderId(after) })).items.filter(
          (t) => t.approved && !["voided", "reversed"].includes(t.status),
        );
        expect(standing.map((t) => t.amount)).toEqual([4250]);
      },
    );

    sandboxOnly(
      "a payer whose charge the other tab recorded first is answered with the paid invoice; the other charges nothing",
      async () => {
        const inv = await ctx.adapter.invoices.create(invoiceInput());
        let other: Promise<unknown> | undefined;
        // This payer's charge has landed; before it records it, the other tab pays: it finds the charge at the
        // gateway, records it (the invoice is now paid) and refuses to charge again.
        const first = ctx.adapterWith({
          afterFetch: async (url, init) => {
            if (init?.method === "POST" && url.endsWith("/api/transaction") && !other) {
              other = ctx.adapter.invoices
                .pay(inv.id, { source: card(CARD.mastercard), idempotencyKey: randomUUID() })
                .catch((e: unknown) => e);
              await other;
            }
          },
        });
        const mine = await first.invoices.pay(inv.id, { source: card(CARD.approve), idempotencyKey: randomUUID() });
        expect(mine.invoice).toMatchObject({ status: "paid", amountPaid: 4250, amountDue: 0 });
        expect(mine.transaction.amount).toBe(4250);
        const refused = await other;
        expect(refused).toBeInstanceOf(InvalidRequest);
        expect((refused as InvalidRequest).message).toMatch(/already paid/);
      },
    );

    sandboxOnly(
      "both tabs read and charge before either records: one charge stands, the later one voids itself",
      async () => {
        const inv = await ctx.adapter.invoices.create(invoiceInput());
        // Two meeting points: both tabs have read the invoice's charges (none), then both have charged.
        const meet = () => {
          let arrived = 0;
          let open!: () => void;
          const opened = new Promise<void>((r) => (open = r));
          return async () => {
            if (++arrived === 2) open();
            await opened;
          };
        };
        const [afterRead, afterCharge] = [meet(), meet()];
        const tab = () => {
          const seen = { read: false, charged: false };
          return ctx.adapterWith({
            afterFetch: async (url, init) => {
              if (init?.method !== "POST") return;
              if (url.endsWith("/api/transaction/search") && !seen.read) {
                seen.read = true;
                await afterRead();
              } else if (url.endsWith("/api/transaction") && !seen.charged) {
                seen.charged = true;
                await afterCharge();
              }
            },
          });
        };
        const results = await Promise.allSettled(
          [CARD.approve, CARD.mastercard].map((n) =>
            tab().invoices.pay(inv.id, { source: card(n), idempotencyKey: randomUUID() }),
          ),
        );
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const refused = results.find((r) => r.status === "rejected");
        expect(refused && refused.status === "rejected" && refused.reason).toBeInstanceOf(InvalidRequest);
        const after = await ctx.adapter.invoices.get(inv.id);
        expect(after).toMatchObject({ status: "paid", amountPaid: 4250, amountDue: 0 });
        const all = (await ctx.adapter.transactions.search({ orderId: invoiceOrderId(after) })).items;
        expect(all.filter((t) => t.approved)).toHaveLength(2);
        expect(all.filter((t) => t.approved && t.status !== "voided").map((t) => t.amount)).toEqual([4250]);
      },
    );

    live("mark as paid", async () => {
      const inv = await ctx.adapter.invoices.create(invoiceInput());
      const paid = await ctx.adapter.invoices.markPaid(inv.id);
      expect(paid.status).toBe("paid");
    });
  });
}
