import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, transactions } from "@/db/schema";
import { chargeAction, previewChargeAction } from "@/lib/actions/virtual-terminal";
import { runAsSession } from "@/lib/auth/session";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { makeTenants } from "@/tests/helpers/tenants";
import { allRowsText, connectCardPointe, makeWorld, tokenize } from "./setup";
import { openForFile } from "@/tests/helpers/for-file";
import { cardSecureToken } from "@/tests/helpers/cardsecure";

const w = openForFile(makeWorld);

const PANS = ["4111111111111111", "4000000000000002", "4005519200000004", "123456789"];

function form(token: string, intentId: string, extra: Record<string, string> = {}) {
  const fd = new FormData();
  const fields: Record<string, string> = {
    merchantId: w.t.merchantA,
    intentId,
    type: "sale",
    source: "card",
    token,
    amount: "42.50",
    orderId: "A1001",
    "billing.firstName": "Ada",
    "billing.postalCode": "94107",
    ...extra,
  };
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

const submit = (fd: FormData) => runAsSession(w.t.adminA.claims, () => chargeAction(null, fd));

async function cachedRows(orderId: string) {
  return getDb()
    .select({ id: transactions.providerId, amount: transactions.amount, status: transactions.status })
    .from(transactions)
    .where(and(eq(transactions.merchantId, w.t.merchantA), eq(transactions.orderId, orderId)));
}

async function gatewayCount(orderId: string) {
  const gateway = await gatewayForMerchant(w.t.merchantA);
  const page = await gateway.transactions.search({ orderId, limit: 100 });
  return page.totalCount;
}

describe("virtual terminal charge", () => {
  it("approves a $42.50 sale, caches it and writes one audit row", async () => {
    const r = await submit(form(await tokenize(w), randomUUID(), { orderId: "SINGLE1" }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.outcome).toBe("approved");
    if (r.data.outcome !== "approved") return;
    expect(r.data.transaction).toMatchObject({ amount: 4250, approved: true, method: "Visa ending 1111" });
    expect(r.data.transaction.authCode).toBeTruthy();
    const rows = await cachedRows("SINGLE1");
    expect(rows).toEqual([{ id: r.data.transaction.id, amount: 4250, status: "pending_settlement" }]);
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, w.t.merchantA), eq(auditLog.targetId, r.data.transaction.id)));
    expect(audits.map((a) => a.action)).toEqual(["transaction.sale"]);
    expect(audits[0]?.actorUserId).toBe(w.t.adminA.id);
  });

  it("a tip at the sale (FluidPay tip_amount, seed 003 L87) is part of the total and kept as the tip", async () => {
    const r = await submit(form(await tokenize(w), randomUUID(), { orderId: "TIP1", tipAmount: "6.50" }));
    expect(r.ok).toBe(true);
    if (!r.ok || r.data.outcome !== "approved") throw new Error("the tipped sale was not approved");
    expect(r.data.transaction.amount).toBe(4900);
    const gateway = await gatewayForMerchant(w.t.merchantA);
    expect(await gateway.transactions.get(r.data.transaction.id)).toMatchObject({ amount: 4900, tipAmount: 650 });
    const [row] = await getDb()
      .select({ amount: transactions.amount, tip: transactions.tipAmount })
      .from(transactions)
      .where(and(eq(transactions.merchantId, w.t.merchantA), eq(transactions.providerId, r.data.transaction.id)));
    expect(row).toEqual({ amount: 4900, tip: 650 });
  });

  it("the same form submitted twice in parallel creates one transaction at the gateway and one cache row", async () => {
    const intent = randomUUID();
    const token = await tokenize(w);
    const [a, b] = await Promise.all([
      submit(form(token, intent, { orderId: "TWICE1" })),
      submit(form(token, intent, { orderId: "TWICE1" })),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok || a.data.outcome !== "approved" || b.data.outcome !== "approved")
      throw new Error("not approved");
    expect(a.data.transaction.id).toBe(b.data.transaction.id);
    expect(await gatewayCount("TWICE1")).toBe(1);
    expect(await cachedRows("TWICE1")).toHaveLength(1);
  });

  it("ten concurrent submissions of one intent (double clicks, retries, a second tab) charge once", async () => {
    const intent = randomUUID();
    // A second tab re-tokenizes: a different token, the same intent — still one charge.
    const tokens = await Promise.all(Array.from({ length: 10 }, () => tokenize(w)));
    const results = await Promise.all(tokens.map((tok) => submit(form(tok, intent, { orderId: "TEN1" }))));
    const ids = new Set(results.map((r) => (r.ok && r.data.transaction ? r.data.transaction.id : "failed")));
    expect([...ids]).toHaveLength(1);
    expect(ids.has("failed")).toBe(false);
    expect(await gatewayCount("TEN1")).toBe(1);
    expect(await cachedRows("TEN1")).toHaveLength(1);
    const [row] = await cachedRows("TEN1");
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, w.t.merchantA), eq(auditLog.targetId, row?.id ?? "")));
    expect(audits).toHaveLength(1);
  });

  it("a retry after the first answer (same intent) returns the original transaction", async () => {
    const intent = randomUUID();
    const first = await submit(form(await tokenize(w), intent, { orderId: "RETRY1" }));
    const retry = await submit(form(await tokenize(w), intent, { orderId: "RETRY1" }));
    expect(first.ok && retry.ok).toBe(true);
    if (!first.ok || !retry.ok) return;
    expect(retry.data.transaction?.id).toBe(first.data.transaction?.id);
    expect(await gatewayCount("RETRY1")).toBe(1);
  });

  it("a declined card shows the reason and the AVS outcome in words, and is cached as declined", async () => {
    const token = await tokenize(w, "4000000000000002");
    const r = await submit(form(token, randomUUID(), { orderId: "DECL1", "billing.postalCode": "20000" }));
    expect(r.ok).toBe(true);
    if (!r.ok || r.data.outcome !== "declined") throw new Error(`expected a decline: ${JSON.stringify(r)}`);
    expect(r.data.message).toMatch(/declined/i);
    expect(r.data.transaction?.avs?.matched).toBe(false);
    expect(r.data.message).toMatch(/address check/i);
    expect(await cachedRows("DECL1")).toMatchObject([{ status: "declined" }]);
  });

  it("insufficient funds (9995) is declined with its reason", async () => {
    const r = await submit(form(await tokenize(w, "4000000000009995"), randomUUID(), { orderId: "DECL2" }));
    if (!r.ok || r.data.outcome !== "declined") throw new Error(`expected a decline: ${JSON.stringify(r)}`);
    expect(r.data.reason.toLowerCase()).toContain("insufficient");
  });

  it("refuses bad input with field errors and sends nothing to the gateway", async () => {
    const toGateway = () => w.sent.filter((r) => r.url.includes("/sandbox/gateway/api/transaction")).length;
    const before = toGateway();
    const r = await submit(form("", randomUUID(), { amount: "12.345", orderId: "bad id!" }));
    expect(r).toMatchObject({ ok: false, code: "invalid" });
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors ?? {})).toEqual(expect.arrayContaining(["amount", "orderId"]));
    const noToken = await submit(form("", randomUUID()));
    expect(noToken).toMatchObject({ ok: false, code: "invalid", fieldErrors: { token: [expect.any(String)] } });
    expect(toGateway()).toBe(before);
    const pan = await submit(form("4111111111111111", randomUUID()));
    expect(pan).toMatchObject({ ok: false, code: "invalid", fieldErrors: { token: [expect.any(String)] } });
  });

  it("staff may charge; a user of another merchant may not", async () => {
    const staff = await runAsSession(w.t.staffA.claims, () =>
      chargeAction(null, form("tok_unused_but_valid", randomUUID(), { orderId: "STAFF1" })),
    );
    // Staff pass the guard; the gateway refuses the unknown token.
    expect(staff).toMatchObject({ ok: false, code: "invalid" });
    const other = await runAsSession(w.t.adminB.claims, () => chargeAction(null, form("tok_x_y_z_1", randomUUID())));
    expect(other).toMatchObject({ ok: false, code: "not_found" });
  });

  it("previews the surcharge with the gateway's disclosure for a surchargeable credit card", async () => {
    const input = { merchantId: w.t.merchantA, type: "sale", method: "card", amount: "100.00", bin: "400551" };
    const r = await runAsSession(w.t.adminA.claims, () => previewChargeAction(input));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.surcharge).toBe(350);
    expect(r.data.total).toBe(10350);
    expect(r.data.disclosure).toMatch(/surcharge/i);
    const debit = await runAsSession(w.t.adminA.claims, () => previewChargeAction({ ...input, bin: "411111" }));
    expect(debit.ok && debit.data.surcharge).toBe(0);
  });

  it("charges the previewed total: base amount plus the gateway's surcharge", async () => {
    const r = await submit(
      form(await tokenize(w, "4005519200000004"), randomUUID(), { orderId: "SUR1", amount: "100.00" }),
    );
    if (!r.ok || r.data.outcome !== "approved") throw new Error(JSON.stringify(r));
    expect(r.data.transaction.amount).toBe(10350);
  });

  it("charges a bank account from an ACH token, a vaulted customer, and a terminal (waiting for the device)", async () => {
    const res = await w.browserFetch(`${w.served.url}/sandbox/gateway/tokenizer/${w.publicKey}/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "ach",
        ach: { routing_number: "021000021", account_number: "123456789", account_type: "checking", sec_code: "web" },
      }),
    });
    const achToken = ((await res.json()) as { data: { token: string } }).data.token;
    const ach = await submit(form(achToken, randomUUID(), { source: "ach", orderId: "ACH1" }));
    if (!ach.ok || ach.data.outcome !== "approved") throw new Error(JSON.stringify(ach));
    expect(ach.data.transaction.method).toBe("Bank account ending 6789");

    // Save to vault on a card sale, then charge the new vault customer by id.
    const saved = await submit(form(await tokenize(w), randomUUID(), { orderId: "SAVE1", saveToVault: "on" }));
    if (!saved.ok || saved.data.outcome !== "approved") throw new Error(JSON.stringify(saved));
    const customerId = saved.data.transaction.customerId;
    expect(customerId).toBeTruthy();
    const vaulted = await submit(
      form("", randomUUID(), { source: "customer", customerId: customerId ?? "", orderId: "VAULT1", amount: "9.99" }),
    );
    if (!vaulted.ok || vaulted.data.outcome !== "approved") throw new Error(JSON.stringify(vaulted));
    expect(vaulted.data.transaction).toMatchObject({ amount: 999, customerId, method: "Visa ending 1111" });

    const gateway = await gatewayForMerchant(w.t.merchantA);
    const terminal = (await gateway.terminals.list()).find((t) => t.tpn === "000000000001");
    const onDevice = await submit(
      form("", randomUUID(), { source: "terminal", terminalId: terminal?.id ?? "", orderId: "TERM1", amount: "5.00" }),
    );
    if (!onDevice.ok || onDevice.data.outcome !== "approved") throw new Error(JSON.stringify(onDevice));
    expect(await cachedRows("TERM1")).toMatchObject([{ amount: 500, status: "pending_settlement" }]);
  });

  it("CardPointe (no idempotency key at the gateway): ten concurrent submissions of one intent charge once", async () => {
    const cp = await makeTenants("cardpointe");
    const { tokenizeUrl } = await connectCardPointe(w, cp.merchantA);
    const token = await cardSecureToken(tokenizeUrl, undefined, w.browserFetch);
    expect(token).toMatch(/^9\d{15}$/);
    const intent = randomUUID();
    const fd = () => {
      const f = form(token, intent, { orderId: "CPTEN1" });
      f.set("merchantId", cp.merchantA);
      return f;
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => runAsSession(cp.adminA.claims, () => chargeAction(null, fd()))),
    );
    const ids = new Set(results.map((r) => (r.ok && r.data.transaction ? r.data.transaction.id : JSON.stringify(r))));
    expect([...ids]).toHaveLength(1);
    const gateway = (await gatewayForMerchant(cp.merchantA)) as unknown as {
      inquireByOrderid(o: string): Promise<unknown[]>;
    };
    expect(await gateway.inquireByOrderid("CPTEN1")).toHaveLength(1);
    const rows = await getDb()
      .select({ id: transactions.providerId })
      .from(transactions)
      .where(and(eq(transactions.merchantId, cp.merchantA), eq(transactions.orderId, "CPTEN1")));
    expect(rows).toHaveLength(1);
  });

  it("no request body, log line or table row of these flows holds a full card number", async () => {
    expect(w.sent.length).toBeGreaterThan(5);
    expect(w.logged.join("")).toContain("virtual terminal charge");
    const rows = await allRowsText();
    for (const pan of PANS) {
      // A whole number, not digits inside a longer one: other test files share the database, and the hostile-input
      // fuzz stores long random digit strings (e.g. in boarding drafts) that may contain "123456789".
      const whole = new RegExp(`(?<![0-9])${pan}(?![0-9])`);
      for (const r of w.sent) expect(r.body).not.toMatch(whole);
      for (const line of w.logged) expect(line).not.toMatch(whole);
      expect(rows).not.toMatch(whole);
    }
  });
});
