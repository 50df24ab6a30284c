import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, invoices, merchants, transactions } from "@/db/schema";
import { createInvoiceAction, sendInvoiceAction } from "@/lib/actions/invoices";
import { chargeAction } from "@/lib/actions/virtual-terminal";
import { runAsSession } from "@/lib/auth/session";
import { UserError } from "@/lib/errors";
import { payByLink } from "@/lib/services/invoices/pay";
import { orderIdFor } from "@/lib/gateway/cardpointe/adapter-transactions";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { invoiceOrderId } from "@/lib/gateway/fluidpay/adapter-invoices";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { draftTotals, emptyLine, type InvoiceDraft, payInvoiceSchema } from "@/lib/validations/invoices";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";
import { connectCardPointe, makeWorld, tokenize } from "../virtual-terminal/setup";
import { openForFile } from "@/tests/helpers/for-file";
import { cardSecureToken } from "@/tests/helpers/cardsecure";

/**
 * Exactly-once money (issue #10 item 3), against the sandboxes over real HTTP: 50 concurrent identical
 * virtual-terminal submissions (FluidPay and CardPointe), 50 concurrent pay-page submissions on one invoice, and a
 * gateway timeout injected AFTER the charge was committed with the client retrying (FluidPay and CardPointe).
 * Builds on tests/integration/virtual-terminal/charge.test.ts (10 concurrent) and invoices/pay.test.ts (20).
 */
const N = 50;

let cp: Tenants;
let cpMid: string;
let cpToken: string;
const w = openForFile(makeWorld);
beforeAll(async () => {
  cp = await makeTenants("cardpointe");
  const { tokenizeUrl } = await connectCardPointe(w, cp.merchantA);
  cpToken = await cardSecureToken(tokenizeUrl, undefined, w.browserFetch);
  const [m] = await getDb().select({ mid: merchants.mid }).from(merchants).where(eq(merchants.id, cp.merchantA));
  cpMid = m?.mid as string;
});

function vtForm(merchantId: string, token: string, intentId: string, orderId: string) {
  const fd = new FormData();
  const fields: Record<string, string> = {
    merchantId,
    intentId,
    type: "sale",
    source: "card",
    token,
    amount: "42.50",
    orderId,
    "billing.firstName": "Ada",
    "billing.postalCode": "94107",
  };
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

async function cached(merchantId: string, orderId: string) {
  return getDb()
    .select({ id: transactions.providerId })
    .from(transactions)
    .where(and(eq(transactions.merchantId, merchantId), eq(transactions.orderId, orderId)));
}

async function auditsFor(merchantId: string, targetId: string) {
  return getDb()
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.merchantId, merchantId), eq(auditLog.targetId, targetId)));
}

/** Charges at the gateway for an order id: FluidPay search, CardPointe inquireByOrderid (this MID only). */
async function gatewayCharges(merchantId: string, orderId: string): Promise<number> {
  const gateway = await gatewayForMerchant(merchantId);
  if (gateway.family === "cardpointe") {
    const cpg = gateway as unknown as { inquireByOrderid(o: string): Promise<unknown[]> };
    return (await cpg.inquireByOrderid(orderId)).length;
  }
  return (await gateway.transactions.search({ orderId, limit: 100 })).totalCount;
}

async function gatewayControl(path: string, method: string, body: unknown) {
  const res = await w.browserFetch(`${w.served.url}/sandbox/gateway/_control/${path}`, {
    method,
    headers: { authorization: w.apiKey, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function cardpointeFaults(body: Record<string, unknown>) {
  const res = await w.browserFetch(`${w.served.url}/sandbox/cardpointe/_control/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ merchid: cpMid, ...body }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

describe("exactly-once: virtual terminal", () => {
  for (const family of ["fluidpay", "cardpointe"] as const) {
    it(`${family}: ${N} concurrent identical submissions (one intent) → one charge at the gateway, one cached row, one audit row`, async () => {
      const merchantId = family === "fluidpay" ? w.t.merchantA : cp.merchantA;
      const claims = family === "fluidpay" ? w.t.adminA.claims : cp.adminA.claims;
      const token = family === "fluidpay" ? await tokenize(w) : cpToken;
      const intent = randomUUID();
      const orderId = `EO50${family === "fluidpay" ? "F" : "C"}`;
      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: N }, () =>
          runAsSession(claims, () => chargeAction(null, vtForm(merchantId, token, intent, orderId))),
        ),
      );
      const ms = Date.now() - started;
      const ids = new Set(results.map((r) => (r.ok && r.data.transaction ? r.data.transaction.id : JSON.stringify(r))));
      expect([...ids], [...ids].join("\n").slice(0, 2000)).toHaveLength(1);
      expect(results.every((r) => r.ok && r.data.outcome === "approved")).toBe(true);
      expect(await gatewayCharges(merchantId, orderId)).toBe(1);
      expect(await cached(merchantId, orderId)).toHaveLength(1);
      expect(await auditsFor(merchantId, [...ids][0] as string)).toHaveLength(1);
      console.log(`exactly-once VT ${family}: ${N} concurrent submissions → 1 charge in ${ms} ms`);
    }, 120_000);
  }

  it("fluidpay: the gateway accepts the charge and the answer is lost (timeout after commit); the retry charges nothing more", async () => {
    const token = await tokenize(w);
    const intent = randomUUID();
    const orderId = "EOTOF1";
    const submit = () =>
      runAsSession(w.t.adminA.claims, () => chargeAction(null, vtForm(w.t.merchantA, token, intent, orderId)));
    await gatewayControl("faults", "POST", { path_prefix: "/api/transaction", timeout_after_commit_rate: 1 });
    let first;
    try {
      first = await submit();
    } finally {
      await gatewayControl("faults", "DELETE", { path_prefix: "/api/transaction" });
    }
    // The person sees a clear, retryable error — and the gateway did charge.
    expect(first).toMatchObject({ ok: false, code: "unavailable" });
    expect(await gatewayCharges(w.t.merchantA, orderId)).toBe(1);
    // The retry (same form, same intent) gets the charge that happened, not a second one.
    const retry = await submit();
    if (!retry.ok || retry.data.outcome !== "approved") throw new Error(JSON.stringify(retry));
    const again = await submit();
    expect(again.ok && again.data.transaction?.id).toBe(retry.data.transaction.id);
    expect(await gatewayCharges(w.t.merchantA, orderId)).toBe(1);
    expect(await cached(w.t.merchantA, orderId)).toHaveLength(1);
    expect(await auditsFor(w.t.merchantA, retry.data.transaction.id)).toHaveLength(1);
  }, 60_000);

  it("cardpointe: the auth is committed and the answer is lost; the adapter asks by orderid and the retry charges nothing more", async () => {
    const intent = randomUUID();
    const orderId = "EOTOC1";
    const submit = () =>
      runAsSession(cp.adminA.claims, () => chargeAction(null, vtForm(cp.merchantA, cpToken, intent, orderId)));
    await cardpointeFaults({ timeout_after_commit_next: 1 });
    const first = await submit();
    // CardPointe has no idempotency key: after the 504 the adapter inquires by orderid and finds the auth it made.
    if (!first.ok || first.data.outcome !== "approved") throw new Error(JSON.stringify(first));
    const retry = await submit();
    expect(retry.ok && retry.data.transaction?.id).toBe(first.data.transaction.id);
    expect(await gatewayCharges(cp.merchantA, orderId)).toBe(1);
    expect(await cached(cp.merchantA, orderId)).toHaveLength(1);
    expect(await auditsFor(cp.merchantA, first.data.transaction.id)).toHaveLength(1);
  }, 60_000);
});

describe("exactly-once: pay page", () => {
  const address = { line1: "1 Main St", city: "Austin", state: "TX", postalCode: "78701", country: "US" };
  function draft(allowPartialPayment: boolean): InvoiceDraft {
    return {
      number: "",
      customerId: "",
      dueDate: "2030-06-30",
      items: [{ ...emptyLine(), name: "Roaster service", quantity: "1", unitPrice: "200.00" }],
      taxMode: "items",
      taxPercent: "",
      taxAmount: "",
      shipping: "",
      adjustment: "",
      paymentMethods: ["card"],
      allowPartialPayment,
      transactionType: "sale",
      message: "",
      sendVia: "none",
      billTo: { ...address, firstName: "Grace", lastName: "Hopper", email: "grace@example.test" },
      payableTo: { ...address, company: "VT Test" },
    };
  }

  async function openInvoice(allowPartial: boolean, t: Tenants = w.t) {
    const as = <T>(fn: () => Promise<T>) => runAsSession(t.adminA.claims, fn);
    const d = draft(allowPartial);
    const created = await as(() => createInvoiceAction({ merchantId: t.merchantA, invoice: JSON.stringify(d) }));
    if (!created.ok) throw new Error(JSON.stringify(created));
    const invoiceId = created.data.invoiceId;
    const sent = await as(() => sendInvoiceAction({ merchantId: t.merchantA, invoiceId, sendVia: "none" }));
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    return { invoiceId, token: sent.data.url.split("/pay/")[1] as string, total: draftTotals(d).total };
  }

  /**
   * Samples the amount paid while `work` runs — the cache's row and, for gateway-kept invoices, the gateway's — and
   * returns the highest seen.
   */
  async function watchAmountPaid<T>(
    invoiceId: string,
    work: Promise<T>,
    merchantId = w.t.merchantA,
  ): Promise<{ result: T; maxPaid: number }> {
    const gateway = await gatewayForMerchant(merchantId);
    let done = false;
    let maxPaid = 0;
    const sampler = (async () => {
      while (!done) {
        const [row] = await getDb()
          .select({ paid: invoices.amountPaid })
          .from(invoices)
          .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, invoiceId)));
        const atGateway = gateway.family === "fluidpay" ? (await gateway.invoices.get(invoiceId)).amountPaid : 0;
        maxPaid = Math.max(maxPaid, row?.paid ?? 0, atGateway);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const result = await work.finally(() => {
      done = true;
    });
    await sampler;
    return { result, maxPaid };
  }

  // The pay action's service with this file's own client address: the per-address budget is shared through the
  // database with the other integration files (which all answer as "local"); the per-link budget (40 attempts in
  // 10 minutes) still applies, so some of the 50 are told to wait — a clear answer that charges nothing.
  const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  const pay = async (fields: Record<string, string>) => {
    try {
      return { ok: true as const, data: await payByLink(payInvoiceSchema.parse(fields), { ip }) };
    } catch (err) {
      if (err instanceof UserError) return { ok: false as const, code: err.code, error: err.message };
      throw err;
    }
  };

  async function invoiceCharges(invoiceId: string) {
    const gateway = await gatewayForMerchant(w.t.merchantA);
    // Seed 003: an invoice's transactions carry its number as order id (the gateway has no invoice id on them).
    const orderId = invoiceOrderId(await gateway.invoices.get(invoiceId));
    const page = await gateway.transactions.search({ orderId, limit: 100 });
    return page.items.filter((t) => t.approved);
  }

  it(`${N} concurrent submissions of one attempt on one invoice → one charge; amount paid never above the total`, async () => {
    const { invoiceId, token, total } = await openInvoice(false);
    const attemptId = randomUUID();
    const paymentToken = await tokenize(w);
    const amount = (total / 100).toFixed(2);
    const { result, maxPaid } = await watchAmountPaid(
      invoiceId,
      Promise.all(Array.from({ length: N }, () => pay({ token, attemptId, paymentToken, method: "card", amount }))),
    );
    const approved = new Set(result.flatMap((r) => (r.ok && r.data.outcome === "approved" ? [r.data.paymentId] : [])));
    expect([...approved], JSON.stringify(result.slice(0, 2))).toHaveLength(1);
    for (const r of result) if (!r.ok) expect(["conflict", "rate_limited"], JSON.stringify(r)).toContain(r.code);
    const limited = result.filter((r) => !r.ok && r.code === "rate_limited").length;
    expect(maxPaid).toBeLessThanOrEqual(total);
    expect(await invoiceCharges(invoiceId)).toHaveLength(1);
    const inv = await (await gatewayForMerchant(w.t.merchantA)).invoices.get(invoiceId);
    expect(inv).toMatchObject({ amountPaid: total, amountDue: 0, status: "paid" });
    console.log(`exactly-once pay page: ${N} submissions of one attempt → 1 charge (${limited} told to wait)`);
  }, 120_000);

  it(`${N} concurrent submissions of 10 attempts (5 each) on a partial invoice → at most one charge per attempt, never above the total`, async () => {
    const { invoiceId, token, total } = await openInvoice(true);
    const part = Math.ceil(total * 0.3); // three fit, a fourth does not
    const attempts = Array.from({ length: 10 }, () => randomUUID());
    const tokens = await Promise.all(attempts.map(() => tokenize(w)));
    const submissions = Array.from({ length: N }, (_, i) => i % attempts.length);
    const { result, maxPaid } = await watchAmountPaid(
      invoiceId,
      Promise.all(
        submissions.map((a) =>
          pay({
            token,
            attemptId: attempts[a] as string,
            paymentToken: tokens[a] as string,
            method: "card",
            amount: (part / 100).toFixed(2),
          }),
        ),
      ),
    );
    // Per attempt: every approved answer names the same payment.
    const perAttempt = new Map<number, Set<string>>();
    result.forEach((r, i) => {
      if (!r.ok || r.data.outcome !== "approved") return;
      const a = submissions[i] as number;
      perAttempt.set(a, (perAttempt.get(a) ?? new Set()).add(r.data.paymentId));
    });
    for (const ids of perAttempt.values()) expect(ids.size).toBe(1);
    for (const r of result)
      if (!r.ok) expect(["conflict", "invalid", "rate_limited"], JSON.stringify(r)).toContain(r.code);
    const charges = await invoiceCharges(invoiceId);
    expect(charges.length).toBe(perAttempt.size);
    expect(charges.length).toBeGreaterThanOrEqual(1);
    expect(charges.length).toBeLessThanOrEqual(3);
    const paid = charges.reduce((s, t) => s + t.amount, 0);
    expect(maxPaid).toBeLessThanOrEqual(total);
    const inv = await (await gatewayForMerchant(w.t.merchantA)).invoices.get(invoiceId);
    expect(inv.amountPaid).toBe(paid);
    expect(inv.amountPaid).toBeLessThanOrEqual(inv.total);
    const [row] = await getDb()
      .select({ paid: invoices.amountPaid })
      .from(invoices)
      .where(and(eq(invoices.merchantId, w.t.merchantA), eq(invoices.providerId, invoiceId)));
    expect(row?.paid).toBe(paid);
    console.log(
      `exactly-once pay page: ${N} submissions / 10 attempts → ${charges.length} charges, paid ${paid}/${total}`,
    );
  }, 120_000);

  it(`CardPointe (portal-kept invoice): ${N} concurrent submissions of one attempt, the first auth's answer lost after commit → one charge`, async () => {
    const { invoiceId, token, total } = await openInvoice(false, cp);
    const attemptId = randomUUID();
    const amount = (total / 100).toFixed(2);
    await cardpointeFaults({ timeout_after_commit_next: 1 });
    const { result, maxPaid } = await watchAmountPaid(
      invoiceId,
      Promise.all(
        Array.from({ length: N }, () => pay({ token, attemptId, paymentToken: cpToken, method: "card", amount })),
      ),
      cp.merchantA,
    );
    await cardpointeFaults({ timeout_after_commit_next: 0 });
    const approved = new Set(result.flatMap((r) => (r.ok && r.data.outcome === "approved" ? [r.data.paymentId] : [])));
    expect([...approved], JSON.stringify(result.slice(0, 2))).toHaveLength(1);
    for (const r of result) if (!r.ok) expect(["conflict", "rate_limited"], JSON.stringify(r)).toContain(r.code);
    expect(maxPaid).toBeLessThanOrEqual(total);
    // One auth at CardPointe for the attempt (its orderid comes from the attempt's key), and the invoice paid once.
    const gateway = (await gatewayForMerchant(cp.merchantA)) as unknown as {
      inquireByOrderid(o: string): Promise<{ approved: boolean }[]>;
    };
    const records = await gateway.inquireByOrderid(orderIdFor(idempotencyKeyFor("invoice", invoiceId, attemptId)));
    expect(records.filter((t) => t.approved)).toHaveLength(1);
    const [row] = await getDb()
      .select({ paid: invoices.amountPaid, due: invoices.amountDue, status: invoices.status })
      .from(invoices)
      .where(and(eq(invoices.merchantId, cp.merchantA), eq(invoices.providerId, invoiceId)));
    expect(row).toEqual({ paid: total, due: 0, status: "paid" });
  }, 120_000);
});
