import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { fileBatches } from "@/db/schema";
import { createCustomerAction } from "@/lib/actions/customers";
import { createInvoiceAction } from "@/lib/actions/invoices";
import { createSubscriptionAction, saveAddOnAction, saveDiscountAction, savePlanAction } from "@/lib/actions/recurring";
import { runAsSession } from "@/lib/auth/session";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { makeWorld, tokenize } from "../virtual-terminal/setup";
import { openForFile } from "@/tests/helpers/for-file";
import { invoiceDraft, invoiceLine } from "@/tests/fixtures/invoices";

/**
 * Finding 5 of the security review: a double submit of the subscription form made two subscriptions. Every action
 * that creates something at the gateway now follows the virtual terminal's scheme (the form's intent id): the same
 * form submitted twice — at once, or again after the first answered — creates one object and answers with it.
 */

type ActionResult = { ok: boolean; data?: Record<string, unknown> };

const w = openForFile(makeWorld);

const asAdmin = <T>(fn: () => Promise<T>) => runAsSession(w.t.adminA.claims, fn);

/** Three submissions of one intent (two at once, one after): all succeed with the same answer. */
async function thrice(submit: () => Promise<ActionResult>): Promise<Record<string, unknown>> {
  const [a, b] = await Promise.all([asAdmin(submit), asAdmin(submit)]);
  const c = await asAdmin(submit);
  for (const r of [a, b, c]) expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  expect(b.data).toEqual(a.data);
  expect(c.data).toEqual(a.data);
  return a.data as Record<string, unknown>;
}

function fd(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe("one object per form intent", () => {
  it("customer: a double submit creates one vault customer", async () => {
    const intentId = randomUUID();
    const company = `Idem Co ${intentId.slice(0, 6)}`;
    const data = await thrice(() =>
      createCustomerAction(null, fd({ merchantId: w.t.merchantA, intentId, company, email: "idem@example.test" })),
    );
    const gateway = await gatewayForMerchant(w.t.merchantA);
    const found = await gateway.vault.searchCustomers({ company, limit: 10 });
    expect(found.items).toHaveLength(1);
    expect(found.items[0]?.id).toBe(data.customerId);
    expect(data.customerId).toBeTruthy();
  });

  it("plan, add-on and discount: a double submit creates one of each", async () => {
    const gateway = await gatewayForMerchant(w.t.merchantA);
    const planName = `Idem plan ${randomUUID().slice(0, 6)}`;
    const planIntent = randomUUID();
    await thrice(() =>
      savePlanAction({
        merchantId: w.t.merchantA,
        intentId: planIntent,
        name: planName,
        amount: "20.00",
        billingFrequency: "monthly",
        billingCycleInterval: "1",
        billingDays: "1",
        duration: "0",
      }),
    );
    expect((await gateway.recurring.plans.list()).filter((p) => p.name === planName)).toHaveLength(1);

    const addOnName = `Idem add-on ${randomUUID().slice(0, 6)}`;
    const addOnIntent = randomUUID();
    await thrice(() =>
      saveAddOnAction(
        null,
        fd({ merchantId: w.t.merchantA, intentId: addOnIntent, name: addOnName, amount: "5.00", duration: "0" }),
      ),
    );
    expect((await gateway.recurring.addOns.list()).filter((a) => a.name === addOnName)).toHaveLength(1);

    const discountName = `Idem discount ${randomUUID().slice(0, 6)}`;
    const discountIntent = randomUUID();
    await thrice(() =>
      saveDiscountAction(
        null,
        fd({
          merchantId: w.t.merchantA,
          intentId: discountIntent,
          name: discountName,
          percentage: "10",
          duration: "0",
        }),
      ),
    );
    expect((await gateway.recurring.discounts.list()).filter((d) => d.name === discountName)).toHaveLength(1);
  });

  it("subscription: a double submit creates one subscription", async () => {
    const gateway = await gatewayForMerchant(w.t.merchantA);
    const customer = await gateway.vault.createCustomer({
      description: "Idem subscriber",
      paymentMethod: { kind: "token", token: await tokenize(w) },
    } as Parameters<typeof gateway.vault.createCustomer>[0]);
    const description = `Idem sub ${randomUUID().slice(0, 6)}`;
    const intentId = randomUUID();
    const data = await thrice(() =>
      createSubscriptionAction({
        merchantId: w.t.merchantA,
        intentId,
        description,
        customer: { id: customer.id },
        nextBillDate: "2030-01-01",
        amount: "12.00",
        billingFrequency: "monthly",
        billingCycleInterval: "1",
        billingDays: "1",
        duration: "0",
      }),
    );
    // The gateway documents no subscription search; count its rows for this customer in the sandbox's own schema.
    const subs = await getDb().execute<{ id: string }>(
      sql`select id from sandbox_gateway.recurring_subscriptions where customer->>'id' = ${customer.id}`,
    );
    expect(subs.rows.map((r) => r.id)).toEqual([data.id]);
    expect(data.id).toBeTruthy();
  });

  it("invoice: a double submit creates one invoice at the gateway", async () => {
    const number = `IDEM${Date.now().toString().slice(-8)}`;
    const draft = invoiceDraft({
      number,
      items: [invoiceLine({ name: "Beans", quantity: "1", unitPrice: "10.00" })],
      sendVia: "none",
      billTo: {
        firstName: "Ida",
        lastName: "Em",
        email: "ida@example.test",
        line1: "1 Main St",
        city: "Portland",
        state: "OR",
        postalCode: "97201",
        country: "US",
      },
      payableTo: { company: "Acme", line1: "2 Bean St", city: "Portland", state: "OR", postalCode: "97201" },
    });
    const intentId = randomUUID();
    const data = await thrice(() =>
      createInvoiceAction({ merchantId: w.t.merchantA, intentId, invoice: JSON.stringify(draft) }),
    );
    const gateway = await gatewayForMerchant(w.t.merchantA);
    const found = await gateway.invoices.search({ invoiceNumber: number, limit: 10 });
    expect(found.items).toHaveLength(1);
    expect(found.items[0]?.id).toBe(data.invoiceId);
    expect(data.invoiceId).toBeTruthy();
  });

  it("file batch: the same upload sent twice makes one batch", async () => {
    const { POST } = await import("@/app/api/m/[merchantId]/file-batches/route");
    const intentId = randomUUID();
    const send = () => {
      const body = new FormData();
      body.set("file", new File([`transaction_type,amount,customer_id\nsale,100,${"c".repeat(20)}\n`], "idem.csv"));
      body.set("intentId", intentId);
      return asAdmin(() =>
        (POST as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>)(
          new Request(`http://localhost/api/m/${w.t.merchantA}/file-batches`, { method: "POST", body }),
          { params: Promise.resolve({ merchantId: w.t.merchantA }) },
        ),
      );
    };
    const before = await getDb().select().from(fileBatches).where(eq(fileBatches.merchantId, w.t.merchantA));
    const answers = await Promise.all([send(), send()]);
    const later = await send();
    const ids = await Promise.all([...answers, later].map(async (r) => ((await r.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(1);
    const after = await getDb().select().from(fileBatches).where(eq(fileBatches.merchantId, w.t.merchantA));
    expect(after.length - before.length).toBe(1);
  });
});
