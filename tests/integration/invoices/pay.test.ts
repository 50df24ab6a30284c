import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, invoiceLinks, invoices, mailMessages, transactions } from "@/db/schema";
import { createInvoiceAction, sendInvoiceAction } from "@/lib/actions/invoices";
import { payInvoiceAction, previewInvoicePaymentAction } from "@/lib/actions/pay";
import { runAsSession } from "@/lib/auth/session";
import { invoiceOrderId } from "@/lib/gateway/fluidpay/adapter-invoices";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { formatMoney } from "@/lib/money";
import { currentPayLink, hashToken } from "@/lib/services/invoices/links";
import { loadPayPage } from "@/lib/services/invoices/pay-page";
import { type InvoiceDraft, draftTotals } from "@/lib/validations/invoices";
import { syncMerchantInvoices } from "@/lib/services/invoices/sync";
import { captureMail } from "@/tests/helpers/mail";
import { linkIn } from "@/tests/helpers/smtp";
import { makeWorld, tokenize } from "../virtual-terminal/setup";
import { openForBlock, openForFile } from "@/tests/helpers/for-file";
import { graceHopper, invoiceDraft, invoiceLine } from "@/tests/fixtures/invoices";

const w = openForFile(makeWorld);

function draft(overrides: Partial<InvoiceDraft> = {}): InvoiceDraft {
  return invoiceDraft({
    items: [
      invoiceLine({ name: "Espresso beans", quantity: "3", unitPrice: "18.99" }),
      invoiceLine({ name: "Grinder", quantity: "1", unitPrice: "129.00", discountType: "percent", discount: "10" }),
      invoiceLine({ name: "Cleaning kit", quantity: "2", unitPrice: "7.25", taxable: false }),
    ],
    taxPercent: "8.25",
    shipping: "12.50",
    paymentMethods: ["card", "ach"],
    message: "Thanks for your order!",
    billTo: graceHopper,
    payableTo: { company: "Acme Coffee", line1: "2 Bean St", city: "Portland", state: "OR", postalCode: "97201" },
    ...overrides,
  });
}

const asAdmin = <T>(fn: () => Promise<T>) => runAsSession(w.t.adminA.claims, fn);

async function createAndSend(d: InvoiceDraft) {
  const created = await asAdmin(() => createInvoiceAction({ merchantId: w.t.merchantA, invoice: JSON.stringify(d) }));
  if (!created.ok) throw new Error(`create failed: ${JSON.stringify(created)}`);
  const url = created.data.url;
  if (!url) throw new Error("no link");
  return { invoiceId: created.data.invoiceId, token: url.split("/pay/")[1] as string, url };
}

/** Creates the invoice and sends it on no channel (no mail): the merchant shares the link. */
async function createAndShare(d: InvoiceDraft) {
  const created = await asAdmin(() => createInvoiceAction({ merchantId: w.t.merchantA, invoice: JSON.stringify(d) }));
  if (!created.ok) throw new Error(JSON.stringify(created));
  const invoiceId = created.data.invoiceId;
  const sent = await asAdmin(() => sendInvoiceAction({ merchantId: w.t.merchantA, invoiceId, sendVia: "none" }));
  if (!sent.ok) throw new Error(JSON.stringify(sent));
  return { invoiceId, token: sent.data.url.split("/pay/")[1] as string };
}

const pay = (fields: Record<string, string>) => runAsSession(null, () => payInvoiceAction(fields));

async function invoiceTransactions(invoiceId: string) {
  return getDb()
    .select({ id: transactions.providerId, amount: transactions.amount, approved: transactions.approved })
    .from(transactions)
    .where(and(eq(transactions.merchantId, w.t.merchantA), eq(transactions.invoiceId, invoiceId)));
}

describe("invoices: create, send, pay by link", () => {
  const mail = openForBlock(captureMail);

  it("creates a 3-line invoice whose gateway total matches lib/totals, emails it with a hashed link", async () => {
    const d = draft();
    const expected = draftTotals(d);
    const { invoiceId, token, url } = await createAndSend(d);
    const gateway = await gatewayForMerchant(w.t.merchantA);
    const inv = await gateway.invoices.get(invoiceId);
    expect(inv.total).toBe(expected.total);
    expect(inv.amountDue).toBe(expected.total);
    // The cache holds the same figures and the editor's form.
    const [row] = await getDb()
      .select()
      .from(invoices)
      .where(and(eq(invoices.merchantId, w.t.merchantA), eq(invoices.providerId, invoiceId)));
    expect(row).toMatchObject({
      total: expected.total,
      amountDue: expected.total,
      sendVia: "email",
      source: "gateway",
    });
    expect(row?.sentAt).toBeInstanceOf(Date);
    // ≥ 128 bits: 32 random bytes in base64url; only the SHA-256 is stored.
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const links = await getDb()
      .select()
      .from(invoiceLinks)
      .where(and(eq(invoiceLinks.merchantId, w.t.merchantA), eq(invoiceLinks.invoiceProviderId, invoiceId)));
    expect(links).toHaveLength(1);
    expect(links[0]?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(links)).not.toContain(token);
    // Expires 90 days after the due date.
    expect(links[0]?.expiresAt.toISOString()).toBe("2030-05-01T23:59:59.000Z");
    // The email went over SMTP to the customer, with the pay link, in the merchant's name.
    const m = await mail.waitFor((x) => x.text.includes(url));
    expect(m.to).toEqual(["grace@example.test"]);
    expect(m.headers.get("from")).toMatchObject({ text: expect.stringContaining("via Merchant Portal") });
    expect(linkIn(m, "/pay/")).toBe(url);
    // The delivery log has the message (no body) for the merchant's "Sent messages"; the invoice page can copy the link.
    const [logged] = await getDb().select().from(mailMessages).where(eq(mailMessages.reference, invoiceId));
    expect(logged).toMatchObject({ merchantId: w.t.merchantA, to: "grace@example.test", template: "invoice-sent" });
    expect(JSON.stringify(logged)).not.toContain(token);
    expect(await currentPayLink({ merchantId: w.t.merchantA, invoiceId })).toMatchObject({ url });
  });

  it("emails the customer one receipt per payment, also when the payment is submitted twice", async () => {
    const d = draft();
    const { token } = await createAndSend(d);
    const attemptId = randomUUID();
    const total = draftTotals(d).total;
    const fields = async () => ({
      token,
      attemptId,
      paymentToken: await tokenize(w),
      method: "card",
      amount: (total / 100).toFixed(2),
    });
    const first = await pay(await fields());
    const second = await pay(await fields());
    if (!first.ok || first.data.outcome !== "approved") throw new Error(JSON.stringify(first));
    const paymentId = first.data.paymentId;
    expect(second).toMatchObject({ ok: true, data: { paymentId } });
    const receipt = await mail.waitFor((x) => x.subject.startsWith("Receipt") && x.text.includes(paymentId));
    expect(receipt.to).toEqual(["grace@example.test"]);
    expect(receipt.text).toContain(formatMoney(total));
    expect(receipt.text).toMatch(/•••• \d{4}/);
    expect(linkIn(receipt, `/pay/${token}/receipt/`)).toBeTruthy();
    // Exactly once, even after a while.
    await new Promise((r) => setTimeout(r, 1500));
    expect(mail.messages.filter((x) => x.text.includes(paymentId) && x.subject.startsWith("Receipt"))).toHaveLength(1);
  });

  it("twenty concurrent submissions of one attempt (double clicks, retries) charge once", async () => {
    const d = draft({ sendVia: "none" });
    const { invoiceId, token } = await createAndShare(d);
    const total = draftTotals(d).total;
    const attemptId = randomUUID();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => tokenize(w)));
    const results = await Promise.all(
      tokens.map((t) => pay({ token, attemptId, paymentToken: t, method: "card", amount: (total / 100).toFixed(2) })),
    );
    const ids = new Set(results.map((r) => (r.ok && r.data.outcome === "approved" ? r.data.paymentId : "x")));
    expect(
      [...ids].filter((i) => i !== "x"),
      JSON.stringify(results.slice(0, 2)),
    ).toHaveLength(1);
    // Every submission of the one attempt gets that payment (or a clear answer), none a second charge.
    for (const r of results) if (!r.ok) expect(r.code).toBe("conflict");
    const gateway = await gatewayForMerchant(w.t.merchantA);
    const inv = await gateway.invoices.get(invoiceId);
    expect(inv).toMatchObject({ amountPaid: total, amountDue: 0, status: "paid" });
    const txs = await invoiceTransactions(invoiceId);
    expect(txs.filter((t) => t.approved)).toHaveLength(1);
    const search = await gateway.transactions.search({ limit: 100 });
    expect(search.items.filter((t) => t.orderId === invoiceOrderId(inv) && t.approved)).toHaveLength(1);
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, w.t.merchantA), eq(auditLog.targetId, txs[0]?.id ?? "")));
    const all = await getDb()
      .select({ t: auditLog.targetId, a: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.merchantId, w.t.merchantA));
    expect(audits, JSON.stringify({ txs, all })).toHaveLength(1);
    expect(audits[0]?.actorLabel).toBe("customer:pay-page");
    // The page now says paid and offers no payment form.
    const page = await loadPayPage(token);
    expect(page?.state).toBe("paid");
    expect(page?.tokenizer).toBeNull();
  });

  it("twenty concurrent attempts (two tabs, other devices) on a partial invoice never pay beyond its total", async () => {
    const d = draft({ allowPartialPayment: true, sendVia: "none" });
    const { invoiceId, token } = await createAndShare(d);
    const total = draftTotals(d).total;
    const part = Math.ceil(total * 0.4); // only two fit
    const tokens = await Promise.all(Array.from({ length: 20 }, () => tokenize(w)));
    const results = await Promise.all(
      tokens.map((t) =>
        pay({ token, attemptId: randomUUID(), paymentToken: t, method: "card", amount: (part / 100).toFixed(2) }),
      ),
    );
    // How many fit depends on interleaving (a submission opened against an amount due that changed meanwhile is
    // refused with `conflict`); what must hold is that at most two fit and the invoice is never paid beyond its total.
    const approved = results.filter((r) => r.ok && r.data.outcome === "approved");
    expect(approved.length, JSON.stringify(results.slice(0, 2))).toBeGreaterThanOrEqual(1);
    expect(approved.length).toBeLessThanOrEqual(2);
    for (const r of results) if (!r.ok) expect(["conflict", "invalid"], JSON.stringify(r)).toContain(r.code);
    const paid = approved.length * part;
    const gateway = await gatewayForMerchant(w.t.merchantA);
    const inv = await gateway.invoices.get(invoiceId);
    expect(inv.amountPaid).toBe(paid);
    expect(inv.amountPaid).toBeLessThanOrEqual(inv.total);
    expect(inv.amountDue).toBe(total - paid);
    expect(inv.status).toBe("partially_paid");
    const txs = (await invoiceTransactions(invoiceId)).filter((t) => t.approved);
    expect(txs.reduce((s, t) => s + t.amount, 0)).toBe(paid);
    // The cache agrees at once (write-through).
    const [row] = await getDb()
      .select({ amountPaid: invoices.amountPaid, amountDue: invoices.amountDue })
      .from(invoices)
      .where(and(eq(invoices.merchantId, w.t.merchantA), eq(invoices.providerId, invoiceId)));
    expect(row).toEqual({ amountPaid: paid, amountDue: total - paid });
    // The rest can be paid; more than the rest can't.
    const over = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(w),
      method: "card",
      amount: ((total - paid + 1) / 100).toFixed(2),
    });
    expect(over).toMatchObject({ ok: false, code: "invalid" });
    const rest = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(w),
      method: "card",
      amount: ((total - paid) / 100).toFixed(2),
    });
    expect(rest).toMatchObject({ ok: true, data: { outcome: "approved", amountDue: 0 } });
  });

  it("an invoice that must be paid in full refuses a partial amount", async () => {
    const { token } = await createAndSend(draft({ sendVia: "email" }));
    const r = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(w),
      method: "card",
      amount: "1.00",
    });
    expect(r).toMatchObject({ ok: false, code: "invalid", error: "This invoice must be paid in full." });
  });

  it("a declined card leaves the invoice payable and says so in words", async () => {
    const { token, invoiceId } = await createAndSend(draft());
    const total = draftTotals(draft()).total;
    const r = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(w, "4000000000000002"),
      method: "card",
      amount: (total / 100).toFixed(2),
    });
    expect(r).toMatchObject({ ok: true, data: { outcome: "declined" } });
    if (r.ok && r.data.outcome === "declined") expect(r.data.message).toMatch(/declined/i);
    const page = await loadPayPage(token);
    expect(page?.row.amountDue).toBe(total);
    expect(page?.tokenizer).not.toBeNull();
    expect((await invoiceTransactions(invoiceId)).every((t) => !t.approved)).toBe(true);
  });

  it("unknown, expired and revoked links open nothing and pay nothing", async () => {
    const { token, invoiceId } = await createAndSend(draft());
    expect(await loadPayPage(token)).not.toBeNull();
    expect(await loadPayPage("A".repeat(43))).toBeNull();
    expect(await loadPayPage("../../etc/passwd")).toBeNull();
    const unknown = await pay({
      token: "B".repeat(43),
      attemptId: randomUUID(),
      paymentToken: await tokenize(w),
      method: "card",
      amount: "1.00",
    });
    expect(unknown).toEqual({ ok: false, code: "invalid", error: "This payment link is not valid." });
    await getDb()
      .update(invoiceLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invoiceLinks.tokenHash, hashToken(token)));
    expect(await loadPayPage(token)).toBeNull();
    const expired = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: await tokenize(w),
      method: "card",
      amount: "1.00",
    });
    expect(expired).toEqual({ ok: false, code: "invalid", error: "This payment link is not valid." });
    expect(await invoiceTransactions(invoiceId)).toHaveLength(0);
  });

  it("a card number is refused where a token belongs", async () => {
    const { token } = await createAndSend(draft());
    const r = await pay({
      token,
      attemptId: randomUUID(),
      paymentToken: "4111111111111111",
      method: "card",
      amount: "1.00",
    });
    expect(r).toMatchObject({ ok: false, code: "invalid" });
  });

  it("reconciliation converges an invoice the cache missed (lost write-through or webhook)", async () => {
    const { invoiceId } = await createAndSend(draft());
    const where = and(eq(invoices.merchantId, w.t.merchantA), eq(invoices.providerId, invoiceId));
    const [before] = await getDb().select({ total: invoices.total }).from(invoices).where(where);
    // A payment the portal never heard of, straight at the gateway, and a stale cache row.
    const gateway = await gatewayForMerchant(w.t.merchantA);
    await gateway.invoices.pay(invoiceId, {
      source: { kind: "token", token: await tokenize(w) },
      idempotencyKey: randomUUID(),
    });
    const [stale] = await getDb().select({ status: invoices.status }).from(invoices).where(where);
    expect(stale?.status).toBe("pending");
    const summary = await syncMerchantInvoices(w.t.merchantA);
    expect(summary.seen).toBeGreaterThan(0);
    const [after] = await getDb()
      .select({ status: invoices.status, amountDue: invoices.amountDue, sentAt: invoices.sentAt })
      .from(invoices)
      .where(where);
    expect(after).toMatchObject({ status: "paid", amountDue: 0 });
    // Portal-owned facts survive the sync.
    expect(after?.sentAt).toBeInstanceOf(Date);
    expect(before?.total).toBeGreaterThan(0);
  });

  it("pays by bank account (ACH) when the invoice allows it, and refuses ACH when it does not", async () => {
    const achToken = async () => {
      const res = await fetch(`${w.served.url}/sandbox/gateway/tokenizer/${w.publicKey}/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          type: "ach",
          ach: { routing_number: "021000021", account_number: "123456789", account_type: "checking", sec_code: "web" },
        }),
      });
      const json = (await res.json()) as { data?: { token?: string } };
      if (!json.data?.token) throw new Error(`tokenizer refused: ${JSON.stringify(json)}`);
      return json.data.token;
    };
    const total = draftTotals(draft()).total;
    const both = await createAndSend(draft());
    const paid = await pay({
      token: both.token,
      attemptId: randomUUID(),
      paymentToken: await achToken(),
      method: "ach",
      amount: (total / 100).toFixed(2),
    });
    expect(paid).toMatchObject({ ok: true, data: { outcome: "approved", amountDue: 0 } });
    const cardOnly = await createAndSend(draft({ paymentMethods: ["card"] }));
    const refused = await pay({
      token: cardOnly.token,
      attemptId: randomUUID(),
      paymentToken: await achToken(),
      method: "ach",
      amount: (total / 100).toFixed(2),
    });
    expect(refused).toMatchObject({ ok: false, code: "invalid", error: "This invoice can't be paid by bank account." });
    expect(await invoiceTransactions(cardOnly.invoiceId)).toHaveLength(0);
  });

  it("describes no surcharge the payer is not charged: a credit card's invoice payment is the amount due", async () => {
    const { token } = await createAndSend(draft());
    const preview = (bin: string) =>
      runAsSession(null, () => previewInvoicePaymentAction({ token, bin, amount: "100.00" }));
    // 400551 is a surchargeable credit BIN of the sandbox's fee lookup; the invoice payment still charges $100.00.
    expect(await preview("400551")).toMatchObject({
      ok: true,
      data: { surcharge: 0, total: 10_000, disclosure: null },
    });
    expect(await preview("411111")).toMatchObject({ ok: true, data: { surcharge: 0, disclosure: null } });
    const unknown = await runAsSession(null, () =>
      previewInvoicePaymentAction({ token: "C".repeat(43), bin: "400551", amount: "100.00" }),
    );
    expect(unknown).toMatchObject({ ok: true, data: { disclosure: null } });
  });
});
