import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { customers, invoices } from "@/db/schema";
import { listTransactions } from "@/db/queries/transactions";
import { runAsSession } from "@/lib/auth/session";
import type { Transaction } from "@/lib/gateway/types";
import { upsertTransactions } from "@/lib/sync/transactions";
import { decodeCursor, encodeCursor, parseTransactionFilters } from "@/lib/validations/transactions";
import { GET as exportCsv } from "@/app/api/m/[merchantId]/transactions.csv/route";
import { makeTransaction, visaCard } from "@/tests/fixtures/transactions";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

let t: Tenants;

function tx(i: number, over: Partial<Transaction> = {}): Transaction {
  const created = new Date(Date.UTC(2026, 9, 1 + (i % 28), 12, 0, i % 60)).toISOString();
  const lastFour = i % 3 === 0 ? "1111" : i % 3 === 1 ? "4444" : "0004";
  const amount = 1000 + i * 10;
  return makeTransaction({
    id: `t${String(i).padStart(4, "0")}`,
    type: i % 5 === 0 ? "authorize" : "sale",
    status: i % 4 === 0 ? "settled" : "pending_settlement",
    amount,
    authorizedAmount: amount,
    capturedAmount: amount,
    settledAmount: i % 4 === 0 ? amount : 0,
    paymentMethod: { ...visaCard, maskedNumber: `411111******${lastFour}`, lastFour, fundingType: null },
    authCode: "123456",
    processorResponseCode: null,
    orderId: `ORD${i}`,
    customerId: i % 7 === 0 ? "cust42" : null,
    createdAt: created,
    updatedAt: created,
    ...over,
  });
}

const ALL = Array.from({ length: 1234 }, (_, i) => tx(i));

beforeAll(async () => {
  t = await makeTenants("fluidpay");
  await upsertTransactions(getDb(), t.merchantA, ALL);
  // Same ids in merchant B must never leak into A's results.
  await upsertTransactions(getDb(), t.merchantB, ALL.slice(0, 50));
  await getDb().insert(customers).values({
    merchantId: t.merchantA,
    providerId: "cust42",
    name: "Grace Hopper",
    email: "grace@example.test",
    providerCreatedAt: new Date(),
    providerUpdatedAt: new Date(),
  });
});
afterAll(closeDb);

function expected(pred: (x: Transaction) => boolean): string[] {
  return ALL.filter(pred)
    .sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? "") || b.id.localeCompare(a.id))
    .map((x) => x.id);
}

async function exportAs(claims: Tenants["adminA"]["claims"], query: string) {
  const req = new Request(`http://portal.test/api/m/${t.merchantA}/transactions.csv?${query}`);
  return runAsSession(claims, () => exportCsv(req, { params: Promise.resolve({ merchantId: t.merchantA }) }));
}

function csvIds(body: string): string[] {
  return body
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(",")[0] as string);
}

describe("transaction search over the cache", () => {
  it("pages newest first by keyset without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor = null;
    for (;;) {
      const page = await listTransactions({ merchantId: t.merchantA, cursor, limit: 100 });
      seen.push(...page.items.map((r) => r.id));
      if (!page.nextCursor) break;
      // Cursors survive the URL round trip.
      cursor = decodeCursor(encodeCursor(page.nextCursor));
    }
    expect(seen).toEqual(expected(() => true));
  });

  it("pages back to the newest by the previous-page cursor", async () => {
    const pages: string[][] = [];
    let cursor = null;
    for (let i = 0; i < 3; i++) {
      const page = await listTransactions({ merchantId: t.merchantA, cursor, limit: 50 });
      pages.push(page.items.map((r) => r.id));
      cursor = page.nextCursor;
    }
    const third = await listTransactions({
      merchantId: t.merchantA,
      cursor: decodeCursor(encodeCursor(cursor!)),
      limit: 50,
    });
    let before = third.prevCursor;
    for (let i = 2; i >= 0; i--) {
      const back = await listTransactions({ merchantId: t.merchantA, before, limit: 50 });
      expect(back.items.map((r) => r.id)).toEqual(pages[i]);
      before = back.prevCursor;
    }
    expect(before).toBeNull();
  });

  it("filters by last four, status, type, amount range, dates, order id and customer (id or name)", async () => {
    const q = (params: Record<string, string>) =>
      listTransactions({
        merchantId: t.merchantA,
        filters: parseTransactionFilters(params).filters,
        limit: 500,
      });
    expect((await q({ lastFour: "4444", status: "settled" })).items.map((r) => r.id)).toEqual(
      expected((x) => x.paymentMethod.kind === "card" && x.paymentMethod.lastFour === "4444" && x.status === "settled"),
    );
    expect((await q({ type: "authorize", min: "15.00", max: "20.00" })).items.map((r) => r.id)).toEqual(
      expected((x) => x.type === "authorize" && x.amount >= 1500 && x.amount <= 2000),
    );
    expect((await q({ from: "2026-10-03", to: "2026-10-04" })).items.map((r) => r.id)).toEqual(
      expected((x) => (x.createdAt ?? "") >= "2026-10-03" && (x.createdAt ?? "") < "2026-10-05"),
    );
    expect((await q({ orderId: "ORD77" })).items.map((r) => r.id)).toEqual(["t0077"]);
    const byName = (await q({ customer: "grace" })).items.map((r) => r.id);
    expect(byName).toEqual(expected((x) => x.customerId === "cust42"));
    expect((await q({ customer: "cust42" })).items.map((r) => r.id)).toEqual(byName);
  });

  it("finds an invoice payment by the invoice number and by the bill-to name of a payer outside the vault", async () => {
    // A CardPointe-style invoice payment: the gateway's own order id, no vault customer; the invoice knows the rest.
    // (Its card and type match none of the other tests' filters, which share this merchant's rows.)
    const paid = tx(5000, {
      id: "tinv1",
      type: "sale",
      orderId: "IK8842",
      customerId: null,
      invoiceId: "inv_d2c2",
      paymentMethod: { ...visaCard, maskedNumber: "411111******9999", lastFour: "9999", fundingType: null },
    });
    await upsertTransactions(getDb(), t.merchantA, [paid]);
    await upsertTransactions(getDb(), t.merchantB, [tx(5001, { id: "tinvB", invoiceId: "inv_b" })]);
    await getDb()
      .insert(invoices)
      .values(
        [
          { merchantId: t.merchantA, providerId: "inv_d2c2", number: "INV-1001", customerName: "Ada Lovelace" },
          // Merchant B's invoice with the same number and name must not reach A's search.
          { merchantId: t.merchantB, providerId: "inv_b", number: "INV-1001", customerName: "Ada Lovelace" },
        ].map((v) => ({
          ...v,
          status: "paid",
          customerEmail: "ada@example.test",
          document: {} as never,
          providerCreatedAt: new Date(),
          providerUpdatedAt: new Date(),
        })),
      );
    const q = async (params: Record<string, string>) =>
      (
        await listTransactions({
          merchantId: t.merchantA,
          filters: parseTransactionFilters(params).filters,
          limit: 500,
        })
      ).items.map((r) => r.id);
    expect(await q({ orderId: "INV-1001" })).toEqual(["tinv1"]);
    expect(await q({ orderId: "IK8842" })).toEqual(["tinv1"]);
    expect(await q({ customer: "lovelace" })).toEqual(["tinv1"]);
    expect(await q({ customer: "ada@example" })).toEqual(["tinv1"]);
    expect(await q({ customer: "grace" })).not.toContain("tinv1");
    const [row] = (await listTransactions({ merchantId: t.merchantA, filters: { orderId: "INV-1001" } })).items;
    expect(row).toMatchObject({ invoiceNumber: "INV-1001", billToName: "Ada Lovelace" });
  });

  it("lists a customer's transactions for the customer page", async () => {
    const page = await listTransactions({ merchantId: t.merchantA, customerId: "cust42", limit: 500 });
    expect(page.items.map((r) => r.id)).toEqual(expected((x) => x.customerId === "cust42"));
  });

  it("reports invalid filters instead of silently widening them", () => {
    const r = parseTransactionFilters({ lastFour: "12", min: "abc", max: "5", status: "settled" });
    expect(Object.keys(r.errors).sort()).toEqual(["lastFour", "min"]);
    expect(r.filters).toMatchObject({ status: "settled", max: 500 });
  });
});

describe("transactions CSV export", () => {
  it("streams exactly the filtered rows, across chunks, with masked card numbers only", async () => {
    const res = await exportAs(t.adminA.claims, "status=pending_settlement");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const body = await res.text();
    const ids = csvIds(body);
    const want = expected((x) => x.status === "pending_settlement");
    expect(want.length).toBeGreaterThan(500); // more than one chunk
    expect(ids).toEqual(want);
    expect(body.split("\n")[0]).toMatch(/^transaction_id,created_at,type,status,amount/);
    expect(body.match(/^transaction_id,/gm)).toHaveLength(1);
    // No full card number: no run of 13–19 digits anywhere.
    expect(body).not.toMatch(/\d{13,19}/);
    expect(body).toContain("411111******1111");
    expect(body).toContain("Grace Hopper");
  });

  it("exports the last-four search and an empty result with its header", async () => {
    const four = csvIds(await (await exportAs(t.adminA.claims, "lastFour=0004&type=authorize")).text());
    expect(four).toEqual(
      expected((x) => x.type === "authorize" && x.paymentMethod.kind === "card" && x.paymentMethod.lastFour === "0004"),
    );
    const none = await (await exportAs(t.adminA.claims, "orderId=NOPE")).text();
    expect(none.trim().split("\n")).toHaveLength(1);
  });

  it("refuses invalid filters and outsiders", async () => {
    expect((await exportAs(t.adminA.claims, "min=abc")).status).toBe(400);
    expect((await exportAs(t.adminB.claims, "")).status).toBe(404);
  });
});
