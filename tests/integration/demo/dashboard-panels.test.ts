import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { listReceivables } from "@/db/queries/ar-aging";
import { gettingStartedFacts } from "@/db/queries/getting-started";
import { customers, invitations, invoices, merchants } from "@/db/schema";
import { agingBuckets } from "@/lib/dashboard/ar-aging";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/** The dashboard's receivables aging and "Getting started" read the merchant's own rows, and only those. */
let t: Tenants;
const DAY = 86_400_000;
const now = new Date();

beforeAll(async () => {
  t = await makeTenants("fluidpay");
});
afterAll(async () => {
  await closeDb();
});

function invoice(
  merchantId: string,
  id: string,
  v: Partial<typeof invoices.$inferInsert>,
): typeof invoices.$inferInsert {
  return {
    merchantId,
    providerId: id,
    status: "pending",
    total: 10_000,
    amountDue: 10_000,
    document: {} as (typeof invoices.$inferInsert)["document"],
    providerCreatedAt: now,
    providerUpdatedAt: now,
    ...v,
  };
}

describe("receivables aging", () => {
  it("counts sent, unpaid invoices of this merchant by days past due; drafts, paid and void ones are not owed", async () => {
    const sent = new Date(now.getTime() - 100 * DAY);
    await getDb()
      .insert(invoices)
      .values([
        invoice(t.merchantB, "cur", { sentAt: sent, dueAt: new Date(now.getTime() + 5 * DAY), amountDue: 1234 }),
        invoice(t.merchantB, "late10", { sentAt: sent, dueAt: new Date(now.getTime() - 10 * DAY), amountDue: 2000 }),
        invoice(t.merchantB, "part45", {
          sentAt: sent,
          dueAt: new Date(now.getTime() - 45 * DAY),
          status: "partially_paid",
          amountPaid: 4000,
          amountDue: 6000,
        }),
        invoice(t.merchantB, "late95", { sentAt: sent, dueAt: new Date(now.getTime() - 95 * DAY), amountDue: 777 }),
        invoice(t.merchantB, "draft", { dueAt: new Date(now.getTime() - 10 * DAY) }),
        invoice(t.merchantB, "paid", { sentAt: sent, status: "paid", amountDue: 0, amountPaid: 10_000 }),
        invoice(t.merchantB, "void", { sentAt: sent, voidedAt: now, dueAt: new Date(now.getTime() - 10 * DAY) }),
        invoice(t.merchantA, "other", { sentAt: sent, dueAt: new Date(now.getTime() - 10 * DAY), amountDue: 99_999 }),
      ]);
    const { buckets, total } = agingBuckets(await listReceivables({ merchantId: t.merchantB }), now);
    expect(Object.fromEntries(buckets.map((b) => [b.key, b.amount]))).toEqual({
      current: 1234,
      "1_30": 2000,
      "31_60": 6000,
      "61_90": 0,
      "90_plus": 777,
    });
    expect(total).toBe(10_011);
  });
});

describe("getting started", () => {
  it("ticks off each first step from the merchant's own data", async () => {
    const m = t.merchantB;
    await getDb().update(merchants).set({ credentialsEnc: null }).where(eq(merchants.id, m));
    await getDb().delete(invoices).where(eq(invoices.merchantId, m));
    expect(await gettingStartedFacts({ merchantId: m })).toEqual({
      gatewayConnected: false,
      hasCustomer: false,
      sentInvoice: false,
      hasTeammate: false,
    });
    // Merchant A's customer, sent invoice and second member do not count for B.
    await getDb()
      .insert(customers)
      .values({ merchantId: t.merchantA, providerId: "a1", providerCreatedAt: now, providerUpdatedAt: now });
    await getDb()
      .insert(invoices)
      .values(invoice(t.merchantA, "a-sent", { sentAt: now }));
    expect((await gettingStartedFacts({ merchantId: m })).hasCustomer).toBe(false);

    await getDb().update(merchants).set({ credentialsEnc: "sealed" }).where(eq(merchants.id, m));
    await getDb()
      .insert(customers)
      .values({ merchantId: m, providerId: "c1", providerCreatedAt: now, providerUpdatedAt: now });
    await getDb()
      .insert(invoices)
      .values(invoice(m, "draft-only", {}));
    expect(await gettingStartedFacts({ merchantId: m })).toEqual({
      gatewayConnected: true,
      hasCustomer: true,
      sentInvoice: false,
      hasTeammate: false,
    });
    await getDb()
      .insert(invoices)
      .values(invoice(m, "sent", { sentAt: now }));
    await getDb()
      .insert(invitations)
      .values({
        merchantId: m,
        userId: t.staffA.id,
        name: "Teammate",
        role: "merchant_staff",
        expiresAt: new Date(now.getTime() + DAY),
      });
    expect(await gettingStartedFacts({ merchantId: m })).toEqual({
      gatewayConnected: true,
      hasCustomer: true,
      sentInvoice: true,
      hasTeammate: true,
    });
  });
});
