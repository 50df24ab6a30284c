import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { GET as exportCsv } from "@/app/api/m/[merchantId]/invoices.csv/route";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  getInvoicePayment,
  getInvoiceRow,
  listInvoicePayments,
  listInvoices,
  listLocalPayments,
} from "@/db/queries/invoices";
import { auditLog, dailyRollups, invoiceLinks, invoicePayments, invoices, merchants, transactions } from "@/db/schema";
import {
  createInvoiceAction,
  deleteInvoiceAction,
  markInvoicePaidAction,
  saveInvoiceSettingsAction,
  sendInvoiceAction,
  updateInvoiceAction,
  voidInvoiceAction,
} from "@/lib/actions/invoices";
import { payInvoiceAction, quotePaymentAction } from "@/lib/actions/pay";
import { runAsSession } from "@/lib/auth/session";
import { isCardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import { orderIdFor } from "@/lib/gateway/cardpointe/adapter-transactions";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { invoiceStore, invoicingAvailability } from "@/lib/services/invoices/availability";
import { loadPayPage } from "@/lib/services/invoices/pay-page";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { syncMerchantInvoices } from "@/lib/services/invoices/sync";
import { computeSurchargedPayment } from "@/lib/totals";
import { type InvoiceDraft, draftTotals } from "@/lib/validations/invoices";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";
import { connectCardPointe, makeWorld } from "../virtual-terminal/setup";
import { openForFile } from "@/tests/helpers/for-file";
import { invoiceDraft, invoiceLine } from "@/tests/fixtures/invoices";
import { cardSecureToken } from "@/tests/helpers/cardsecure";

/**
 * Invoices of a CardPointe merchant: the portal keeps them (source `local`) and charges them with CardSecure
 * tokens and `auth`. Same actions and pay page as the gateway-kept invoices (pay.test.ts); here the portal's
 * own numbering, ledger, payment safety and surcharge are proven against the CardPointe sandbox over HTTP.
 */

let cp: Tenants;
let merchantId: string;
let tokenizeUrl: string;
const w = openForFile(makeWorld);
beforeAll(async () => {
  cp = await makeTenants("cardpointe");
  merchantId = cp.merchantA;
  ({ tokenizeUrl } = await connectCardPointe(w, merchantId));
});

const address = {
  firstName: "Ada",
  lastName: "Lovelace",
  line1: "12 Analytical Rd",
  city: "Springfield",
  state: "IL",
  postalCode: "62701",
  country: "US",
  email: "ada@example.test",
  phone: "5555550111",
};

function draft(overrides: Partial<InvoiceDraft> = {}): InvoiceDraft {
  return invoiceDraft({
    items: [
      invoiceLine({ name: "Hammer", quantity: "2", unitPrice: "24.99" }),
      invoiceLine({ name: "Nails (box)", quantity: "5", unitPrice: "3.49", discountType: "percent", discount: "10" }),
      invoiceLine({ name: "Key cutting", quantity: "3", unitPrice: "4.00", taxable: false }),
    ],
    taxPercent: "8.25",
    shipping: "9.95",
    paymentMethods: ["card", "ach"],
    message: "Thanks for shopping local!",
    sendVia: "none",
    billTo: address,
    payableTo: {
      company: "Corner Hardware",
      line1: "1 Main St",
      city: "Springfield",
      state: "IL",
      postalCode: "62701",
    },
    ...overrides,
  });
}
// Every line taxable except the last, as the editor's default.
function taxableDraft(overrides: Partial<InvoiceDraft> = {}) {
  const d = draft(overrides);
  return { ...d, items: d.items.map((l, i) => ({ ...l, taxable: i < 2 })) };
}

const asAdmin = <T>(fn: () => Promise<T>) => runAsSession(cp.adminA.claims, fn);
const pay = (fields: Record<string, string>) => runAsSession(null, () => payInvoiceAction(fields));
const dollars = (cents: number) => (cents / 100).toFixed(2);

/** What the CardSecure iFrame does in the browser: the number goes to CardSecure, the page gets a token. */
const tokenize = (card?: string) => cardSecureToken(tokenizeUrl, card, w.browserFetch);

async function create(d: InvoiceDraft) {
  const created = await asAdmin(() => createInvoiceAction({ merchantId, invoice: JSON.stringify(d) }));
  if (!created.ok) throw new Error(`create failed: ${JSON.stringify(created)}`);
  return created.data.invoiceId;
}

async function createAndSend(d: InvoiceDraft) {
  const invoiceId = await create(d);
  const sent = await asAdmin(() => sendInvoiceAction({ merchantId, invoiceId, sendVia: "email" }));
  if (!sent.ok) throw new Error(`send failed: ${JSON.stringify(sent)}`);
  return { invoiceId, token: sent.data.url.split("/pay/")[1] as string };
}

async function row(invoiceId: string) {
  const [r] = await getDb()
    .select()
    .from(invoices)
    .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, invoiceId)));
  if (!r) throw new Error("no invoice row");
  return r;
}

async function approvedTransactions(invoiceId: string) {
  return (await listInvoicePayments({ merchantId, invoiceId })).filter((p) => p.approved);
}

async function setSurcharge(percent: string) {
  const r = await asAdmin(() => saveInvoiceSettingsAction({ merchantId, cardSurcharge: percent }));
  if (!r.ok) throw new Error(JSON.stringify(r));
}

describe("local invoices (CardPointe): the portal is the record", () => {
  it("the store seam picks the local store for CardPointe and the gateway store for FluidPay", async () => {
    const local = await invoicingAvailability(merchantId);
    const fp = await invoicingAvailability(w.t.merchantA);
    expect(local.ok && local.store.source).toBe("local");
    expect(local.ok && local.store.payMethods).toEqual(["card"]);
    expect(fp.ok && fp.store.source).toBe("gateway");
  });

  it("creates a 3-line invoice with tax and shipping: totals by lib/totals, a sequence number, source local", async () => {
    const d = taxableDraft();
    const expected = draftTotals(d);
    const invoiceId = await create(d);
    const r = await row(invoiceId);
    expect(r).toMatchObject({
      source: "local",
      status: "pending",
      subtotal: expected.subtotal,
      tax: expected.tax,
      shipping: 995,
      total: expected.total,
      amountPaid: 0,
      amountDue: expected.total,
    });
    expect(r.number).toMatch(/^INV\d+$/);
    expect(r.document.items).toHaveLength(3);
    expect(r.document.items.map((i) => i.amount)).toEqual(expected.lines.map((l) => l.amount));
    expect(r.form).toMatchObject({ number: r.number });
  });

  it("numbers are a per-merchant sequence: 20 concurrent creations get 20 different consecutive numbers", async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => create(draft())));
    const numbers = await Promise.all(ids.map(async (id) => (await row(id)).number!));
    expect(new Set(numbers).size).toBe(20);
    const n = numbers.map((x) => Number(x.slice(4))).sort((a, b) => a - b);
    expect(n[19]! - n[0]!).toBe(19);
    // A typed number that is already used is refused on the field.
    const dup = await asAdmin(() =>
      createInvoiceAction({ merchantId, invoice: JSON.stringify(draft({ number: numbers[0]! })) }),
    );
    expect(dup).toMatchObject({ ok: false, code: "invalid" });
    if (!dup.ok) expect(dup.fieldErrors?.number?.[0]).toMatch(/already used/);
  });

  it("sends it (email + hashed link); the pay page offers the CardSecure iFrame for cards and says ACH is unavailable", async () => {
    const { invoiceId, token } = await createAndSend(taxableDraft());
    expect((await row(invoiceId)).sentAt).toBeInstanceOf(Date);
    const page = await loadPayPage(token);
    expect(page?.state).toBe("open");
    expect(page?.tokenizer).toMatchObject({ family: "cardpointe", paymentTypes: ["card"] });
    expect(page?.tokenizer?.url).toContain("/itoke/ajax-tokenizer.html");
    expect(page?.notice).toMatch(/ACH.*aren't available online/);
    expect(page?.surchargeRate).toBe(0);
    const ach = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(),
      method: "ach",
      amount: dollars(page!.row.amountDue),
    });
    expect(ach).toMatchObject({ ok: false, code: "invalid" });
  });

  it("pays in full by card: auth with capture, invoice paid, transaction cached and linked, one audit, dashboard at once", async () => {
    const d = taxableDraft();
    const total = draftTotals(d).total;
    const { invoiceId, token } = await createAndSend(d);
    const before = await getDb()
      .select({ n: sql<number>`coalesce(sum(${dailyRollups.approvedCount}), 0)`.mapWith(Number) })
      .from(dailyRollups)
      .where(eq(dailyRollups.merchantId, merchantId));
    const r = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(),
      method: "card",
      amount: dollars(total),
    });
    expect(r.ok && r.data.outcome, JSON.stringify(r)).toBe("approved");
    if (!r.ok || r.data.outcome !== "approved") return;
    expect(r.data.amountDue).toBe(0);
    expect(await row(invoiceId)).toMatchObject({ status: "paid", amountPaid: total, amountDue: 0 });
    const txs = await approvedTransactions(invoiceId);
    expect(txs).toHaveLength(1);
    expect(txs[0]).toMatchObject({ id: r.data.paymentId, amount: total, surcharge: 0, type: "sale" });
    // The gateway has exactly that capture (auth with capture=Y) under the orderid derived from the attempt's key.
    const gateway = await gatewayForMerchant(merchantId);
    const t = await gateway.transactions.get(r.data.paymentId);
    expect(t).toMatchObject({ approved: true, amount: total, type: "sale" });
    const [cached] = await getDb()
      .select()
      .from(transactions)
      .where(and(eq(transactions.merchantId, merchantId), eq(transactions.providerId, r.data.paymentId)));
    expect(cached).toMatchObject({ invoiceId, amount: total });
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, merchantId), eq(auditLog.targetId, r.data.paymentId)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "invoice.payment.approved", actorLabel: "customer:pay-page" });
    const after = await getDb()
      .select({ n: sql<number>`coalesce(sum(${dailyRollups.approvedCount}), 0)`.mapWith(Number) })
      .from(dailyRollups)
      .where(eq(dailyRollups.merchantId, merchantId));
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    // Paid: the page offers no form, and another payment is refused.
    const page = await loadPayPage(token);
    expect(page?.state).toBe("paid");
    expect(page?.tokenizer).toBeNull();
    const again = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(),
      method: "card",
      amount: dollars(total),
    });
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    // The receipt's payment, also after a cache refresh that doesn't know the invoice (the ledger links it).
    await getDb()
      .update(transactions)
      .set({ invoiceId: null })
      .where(and(eq(transactions.merchantId, merchantId), eq(transactions.providerId, r.data.paymentId)));
    const receipt = await getInvoicePayment({ merchantId, invoiceId, transactionId: r.data.paymentId });
    expect(receipt).toMatchObject({ id: r.data.paymentId, amount: total, approved: true });
  });

  it("partial payments leave the right amount due; the rest pays it off; an amount above the due is refused", async () => {
    const d = taxableDraft({ allowPartialPayment: true });
    const total = draftTotals(d).total;
    const { invoiceId, token } = await createAndSend(d);
    const part = Math.floor(total / 3);
    const first = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(),
      method: "card",
      amount: dollars(part),
    });
    expect(first.ok && first.data.outcome === "approved" && first.data.amountDue).toBe(total - part);
    expect(await row(invoiceId)).toMatchObject({ status: "partially_paid", amountPaid: part, amountDue: total - part });
    expect((await loadPayPage(token))?.state).toBe("partially_paid");
    const over = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(),
      method: "card",
      amount: dollars(total - part + 1),
    });
    expect(over).toMatchObject({ ok: false, code: "invalid" });
    if (!over.ok) expect(over.fieldErrors?.amount?.[0]).toMatch(/more than the amount due/);
    const rest = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(),
      method: "card",
      amount: dollars(total - part),
    });
    expect(rest.ok && rest.data.outcome === "approved" && rest.data.amountDue).toBe(0);
    expect(await row(invoiceId)).toMatchObject({ status: "paid", amountPaid: total, amountDue: 0 });
    expect((await approvedTransactions(invoiceId)).map((t) => t.amount)).toEqual([part, total - part]);
  });

  it("50 concurrent payments (different attempts) on one local invoice: never paid beyond its total", async () => {
    const d = taxableDraft({ allowPartialPayment: true });
    const total = draftTotals(d).total;
    const { invoiceId } = await createAndSend(d);
    const part = Math.ceil(total * 0.3); // three fit, a fourth doesn't
    const tokens = await Promise.all(Array.from({ length: 50 }, () => tokenize()));
    // Straight to the merchant's store (the pay page's per-link throttle would stop a burst of 50 before it).
    const store = await invoiceStore(merchantId);
    const invoiceRow = (await getInvoiceRow({ merchantId, invoiceId }))!;
    const results = await Promise.allSettled(
      tokens.map((t) =>
        store.pay(
          invoiceRow,
          { attemptId: randomUUID(), paymentToken: t, method: "card", amount: part },
          { ip: "203.0.113.9" },
        ),
      ),
    );
    const approved = results.filter((r) => r.status === "fulfilled" && r.value.outcome === "approved");
    expect(approved.length, JSON.stringify(results.slice(0, 3))).toBeGreaterThanOrEqual(1);
    expect(approved.length).toBeLessThanOrEqual(3);
    for (const r of results) {
      if (r.status === "rejected") expect(["conflict", "invalid"], String(r.reason)).toContain(r.reason?.code);
    }
    const paid = approved.length * part;
    const r = await row(invoiceId);
    expect(r.amountPaid).toBe(paid);
    expect(r.amountPaid).toBeLessThanOrEqual(r.total);
    expect(r.amountDue).toBe(total - paid);
    // Exactly as many charges at the gateway as the invoice counts, and no reservation left behind.
    const txs = await approvedTransactions(invoiceId);
    expect(txs.reduce((s, t) => s + t.amount, 0)).toBe(paid);
    const ledger = await listLocalPayments({ merchantId, invoiceId });
    expect(ledger.filter((p) => p.status === "approved")).toHaveLength(approved.length);
    expect(ledger.filter((p) => p.status === "pending" || p.status === "unknown")).toHaveLength(0);
  }, 120_000);

  it("20 concurrent submissions of one attempt (double clicks) and a retry after a lost answer charge once", async () => {
    const d = taxableDraft();
    const total = draftTotals(d).total;
    const { invoiceId, token } = await createAndSend(d);
    const attemptId = randomUUID();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => tokenize()));
    const results = await Promise.all(
      tokens.map((t) => pay({ token, attemptId, paymentToken: t, method: "card", amount: dollars(total) })),
    );
    const ids = new Set(results.map((r) => (r.ok && r.data.outcome === "approved" ? r.data.paymentId : "x")));
    ids.delete("x");
    expect(ids.size, JSON.stringify(results.slice(0, 2))).toBe(1);
    for (const r of results) if (!r.ok) expect(r.code).toBe("conflict");
    const [paymentId] = [...ids];
    // The answer to that attempt got lost (the request timed out after CardPointe charged): its ledger row is
    // `unknown` again. The customer presses Pay again — the adapter asks inquireByOrderid and finds the charge.
    const key = idempotencyKeyFor("invoice", invoiceId, attemptId);
    await getDb().transaction(async (tx) => {
      await tx
        .update(invoicePayments)
        .set({ status: "unknown", transactionId: null })
        .where(and(eq(invoicePayments.merchantId, merchantId), eq(invoicePayments.idempotencyKey, key)));
      await tx
        .update(invoices)
        .set({ amountPaid: 0, amountDue: total, status: "pending" })
        .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, invoiceId)));
    });
    const retry = await pay({
      token,
      attemptId,
      paymentToken: await tokenize(),
      method: "card",
      amount: dollars(total),
    });
    expect(retry.ok && retry.data.outcome === "approved" && retry.data.paymentId).toBe(paymentId);
    const gateway = await gatewayForMerchant(merchantId);
    if (!isCardPointeAdapter(gateway)) throw new Error("expected CardPointe");
    const records = await gateway.inquireByOrderid(orderIdFor(key));
    expect(records.filter((t) => t.approved)).toHaveLength(1);
    expect(await row(invoiceId)).toMatchObject({ status: "paid", amountPaid: total, amountDue: 0 });
  }, 60_000);

  it("a gateway timeout after CardPointe committed the auth: the adapter asks by orderid; one charge, and a retry gets the same payment", async () => {
    const [m] = await getDb().select({ mid: merchants.mid }).from(merchants).where(eq(merchants.id, merchantId));
    const d = taxableDraft();
    const total = draftTotals(d).total;
    const { invoiceId, token } = await createAndSend(d);
    const attemptId = randomUUID();
    const res = await w.browserFetch(`${w.served.url}/sandbox/cardpointe/_control/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ merchid: m?.mid, timeout_after_commit_next: 1 }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const first = await pay({
      token,
      attemptId,
      paymentToken: await tokenize(),
      method: "card",
      amount: dollars(total),
    });
    expect(first.ok && first.data.outcome, JSON.stringify(first)).toBe("approved");
    const retry = await pay({
      token,
      attemptId,
      paymentToken: await tokenize(),
      method: "card",
      amount: dollars(total),
    });
    expect(retry.ok && retry.data.outcome === "approved" && retry.data.paymentId).toBe(
      first.ok && first.data.outcome === "approved" ? first.data.paymentId : "",
    );
    const gateway = await gatewayForMerchant(merchantId);
    if (!isCardPointeAdapter(gateway)) throw new Error("expected CardPointe");
    const charges = await gateway.inquireByOrderid(orderIdFor(idempotencyKeyFor("invoice", invoiceId, attemptId)));
    expect(charges.filter((t) => t.approved)).toHaveLength(1);
    expect(await row(invoiceId)).toMatchObject({ status: "paid", amountPaid: total, amountDue: 0 });
    expect(await approvedTransactions(invoiceId)).toHaveLength(1);
  }, 60_000);

  it("reconciliation settles a payment whose request died after charging", async () => {
    const d = taxableDraft();
    const total = draftTotals(d).total;
    const { invoiceId, token } = await createAndSend(d);
    const attemptId = randomUUID();
    const r = await pay({ token, attemptId, paymentToken: await tokenize(), method: "card", amount: dollars(total) });
    expect(r.ok && r.data.outcome).toBe("approved");
    const key = idempotencyKeyFor("invoice", invoiceId, attemptId);
    // As if the process crashed between the charge and the settlement: an old pending row, nothing counted.
    await getDb().transaction(async (tx) => {
      await tx
        .update(invoicePayments)
        .set({ status: "pending", transactionId: null, claimedAt: new Date(Date.now() - 10 * 60_000) })
        .where(and(eq(invoicePayments.merchantId, merchantId), eq(invoicePayments.idempotencyKey, key)));
      await tx
        .update(invoices)
        .set({ amountPaid: 0, amountDue: total, status: "pending" })
        .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, invoiceId)));
    });
    const summary = await syncMerchantInvoices(merchantId);
    expect(summary.resolved).toBeGreaterThanOrEqual(1);
    expect(await row(invoiceId)).toMatchObject({ status: "paid", amountPaid: total, amountDue: 0 });
    const ledger = await listLocalPayments({ merchantId, invoiceId });
    expect(ledger[0]).toMatchObject({
      status: "approved",
      transactionId: r.ok && r.data.outcome === "approved" ? r.data.paymentId : "",
    });
  });

  it("a declined card releases its reservation; the invoice stays payable", async () => {
    const d = taxableDraft();
    const total = draftTotals(d).total;
    const { invoiceId, token } = await createAndSend(d);
    // CardPointe UAT: 4387751111111053 declines (see docs/sandbox/cardpointe.md).
    const declined = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize("4387751111111053"),
      method: "card",
      amount: dollars(total),
    });
    expect(declined.ok && declined.data.outcome, JSON.stringify(declined)).toBe("declined");
    expect(await row(invoiceId)).toMatchObject({ amountPaid: 0, amountDue: total });
    const ok = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(),
      method: "card",
      amount: dollars(total),
    });
    expect(ok.ok && ok.data.outcome).toBe("approved");
  });

  it("void and delete follow the state rules; a void invoice's link stops working", async () => {
    const draftId = await create(taxableDraft());
    expect(await asAdmin(() => voidInvoiceAction({ merchantId, invoiceId: draftId }))).toMatchObject({ ok: false });
    expect(await asAdmin(() => deleteInvoiceAction({ merchantId, invoiceId: draftId }))).toMatchObject({ ok: true });
    expect(
      await getDb()
        .select()
        .from(invoices)
        .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, draftId))),
    ).toHaveLength(0);

    const open = await createAndSend(taxableDraft());
    expect(await asAdmin(() => deleteInvoiceAction({ merchantId, invoiceId: open.invoiceId }))).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await asAdmin(() => voidInvoiceAction({ merchantId, invoiceId: open.invoiceId }))).toMatchObject({
      ok: true,
    });
    expect((await row(open.invoiceId)).voidedAt).toBeInstanceOf(Date);
    expect(await loadPayPage(open.token)).toBeNull();
    const links = await getDb()
      .select()
      .from(invoiceLinks)
      .where(and(eq(invoiceLinks.merchantId, merchantId), eq(invoiceLinks.invoiceProviderId, open.invoiceId)));
    expect(links.every((l) => l.revokedAt)).toBe(true);

    const d = taxableDraft({ allowPartialPayment: true });
    const partly = await createAndSend(d);
    await pay({
      token: partly.token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(),
      method: "card",
      amount: "10.00",
    });
    const v = await asAdmin(() => voidInvoiceAction({ merchantId, invoiceId: partly.invoiceId }));
    expect(v).toMatchObject({ ok: false, code: "conflict" });
    // Editing can't take the total below what was paid.
    const tiny = { ...d, shipping: "", items: [invoiceLine({ name: "Washer", quantity: "1", unitPrice: "0.50" })] };
    const upd = await asAdmin(() =>
      updateInvoiceAction({ merchantId, invoiceId: partly.invoiceId, invoice: JSON.stringify(tiny) }),
    );
    expect(upd).toMatchObject({ ok: false, code: "invalid" });
    // Mark paid (cash) closes it.
    const mp = await asAdmin(() =>
      markInvoicePaidAction({ merchantId, invoiceId: partly.invoiceId, method: "cash", note: "rest at the till" }),
    );
    expect(mp).toMatchObject({ ok: true });
    expect(await row(partly.invoiceId)).toMatchObject({
      status: "paid",
      amountPaid: 1000,
      amountDue: 0,
      paidOutsideMethod: "cash",
    });
    expect((await loadPayPage(partly.token))?.state).toBe("paid");
  });

  it("lists by tab (overdue from the due date), searches by number, customer and amount, exports CSV", async () => {
    const d = taxableDraft({ dueDate: "2030-01-31", billTo: { ...address, lastName: "Hamilton" } });
    const { invoiceId } = await createAndSend(d);
    const number = (await row(invoiceId)).number!;
    const total = draftTotals(d).total;
    const db = getDb();
    for (const q of [number, "hamilton", dollars(total)]) {
      expect(
        (await listInvoices({ merchantId, q }, db)).items.map((i) => i.id),
        q,
      ).toContain(invoiceId);
    }
    expect((await listInvoices({ merchantId, tab: "open", q: number }, db)).total).toBe(1);
    expect((await listInvoices({ merchantId, tab: "overdue", q: number }, db)).total).toBe(0);
    expect(
      (await listInvoices({ merchantId, tab: "overdue", q: number, now: new Date("2030-02-01T00:00:00Z") }, db)).total,
    ).toBe(1);
    const res = await runAsSession(cp.adminA.claims, () =>
      exportCsv(new Request(`http://localhost/api/m/${merchantId}/invoices.csv?tab=open&q=${number}`), {
        params: Promise.resolve({ merchantId }),
      }),
    );
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain(number);
    expect(csv.trim().split("\n")).toHaveLength(2);
  });

  it("an edit keeps the number and recomputes the totals", async () => {
    const invoiceId = await create(taxableDraft());
    const before = await row(invoiceId);
    const d = taxableDraft({ shipping: "20.00", number: before.number! });
    const r = await asAdmin(() => updateInvoiceAction({ merchantId, invoiceId, invoice: JSON.stringify(d) }));
    expect(r).toMatchObject({ ok: true });
    expect(await row(invoiceId)).toMatchObject({ number: before.number, total: draftTotals(d).total, shipping: 2000 });
  });
});

describe("card surcharge on local invoices", () => {
  it("is configurable (0–3%), refused above the cap, and audited", async () => {
    const bad = await asAdmin(() => saveInvoiceSettingsAction({ merchantId, cardSurcharge: "3.5" }));
    expect(bad).toMatchObject({ ok: false, code: "invalid" });
    if (!bad.ok) expect(bad.fieldErrors?.cardSurcharge?.[0]).toMatch(/at most 3%/);
    const staff = await runAsSession(cp.staffA.claims, () =>
      saveInvoiceSettingsAction({ merchantId, cardSurcharge: "3" }),
    );
    expect(staff.ok).toBe(false);
    await setSurcharge("3");
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, merchantId), eq(auditLog.action, "invoice.settings.update")));
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it("a card payment is charged the invoice portion plus the surcharge; amount paid counts the invoice portion only", async () => {
    await setSurcharge("3");
    const d = taxableDraft({ allowPartialPayment: true });
    const total = draftTotals(d).total;
    const { invoiceId, token } = await createAndSend(d);
    const page = await loadPayPage(token);
    expect(page?.surchargeRate).toBe(3000);
    const part = 5000;
    const expected = computeSurchargedPayment(part, "card", 3000);
    expect(expected).toEqual({ amount: 5000, surcharge: 150, rate: 3000, total: 5150 });
    // The pay form's figures for the typed amount come from the server (the browser carries no money code).
    expect(await quotePaymentAction({ token, amount: "50.00" })).toEqual({
      ok: true,
      data: { amount: "$50.00", surcharge: "$1.50", cardTotal: "$51.50", bankTotal: "$50.00", ratePct: "3" },
    });
    for (const amount of ["0", `${total / 100 + 1}`, "abc"]) {
      const bad = await quotePaymentAction({ token, amount });
      expect(bad, amount).toMatchObject({ ok: false, code: "invalid" });
      if (!bad.ok)
        expect(bad.fieldErrors?.amount?.[0], amount).toMatch(/^(Enter an amount between \$0\.01 and|Amount:)/);
    }
    const r = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(),
      method: "card",
      amount: dollars(part),
      surchargeRate: "3000",
    });
    expect(r.ok && r.data.outcome, JSON.stringify(r)).toBe("approved");
    if (!r.ok || r.data.outcome !== "approved") return;
    const gateway = await gatewayForMerchant(merchantId);
    expect((await gateway.transactions.get(r.data.paymentId)).amount).toBe(5150);
    expect(await row(invoiceId)).toMatchObject({ amountPaid: 5000, amountDue: total - 5000 });
    const receipt = await getInvoicePayment({ merchantId, invoiceId, transactionId: r.data.paymentId });
    expect(receipt).toMatchObject({ amount: 5150, surchargeAmount: 150, surchargeRate: 3000 });
    const [cached] = await getDb()
      .select({ surchargeAmount: transactions.surchargeAmount, amount: transactions.amount })
      .from(transactions)
      .where(and(eq(transactions.merchantId, merchantId), eq(transactions.providerId, r.data.paymentId)));
    expect(cached).toEqual({ surchargeAmount: 150, amount: 5150 });

    // Paying off the rest: the surcharge never makes the invoice over-paid.
    const rest = total - 5000;
    const r2 = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(),
      method: "card",
      amount: dollars(rest),
      surchargeRate: "3000",
    });
    expect(r2.ok && r2.data.outcome === "approved" && r2.data.amountDue).toBe(0);
    expect(await row(invoiceId)).toMatchObject({ status: "paid", amountPaid: total, amountDue: 0 });
    const charged = (await approvedTransactions(invoiceId)).reduce((s, t) => s + t.amount, 0);
    expect(charged).toBe(
      computeSurchargedPayment(5000, "card", 3000).total + computeSurchargedPayment(rest, "card", 3000).total,
    );
  });

  it("a rate changed after the page was shown is refused before charging; without a surcharge the amount is exact", async () => {
    await setSurcharge("2");
    const d = taxableDraft();
    const total = draftTotals(d).total;
    const { invoiceId, token } = await createAndSend(d);
    const stale = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(),
      method: "card",
      amount: dollars(total),
      surchargeRate: "3000",
    });
    expect(stale).toMatchObject({ ok: false, code: "conflict" });
    expect(await listLocalPayments({ merchantId, invoiceId })).toHaveLength(0);

    await setSurcharge("0");
    expect((await loadPayPage(token))?.surchargeRate).toBe(0);
    const r = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(),
      method: "card",
      amount: dollars(total),
      surchargeRate: "0",
    });
    expect(r.ok && r.data.outcome).toBe("approved");
    const txs = await approvedTransactions(invoiceId);
    expect(txs.map((t) => [t.amount, t.surcharge])).toEqual([[total, 0]]);
  });
});
