import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, deposits, invoicePayments, merchantEvents, reconExceptions } from "@/db/schema";
import { traceTransactions } from "@/db/queries/reconciliation";
import { merchantContextFor } from "@/lib/auth/guard";
import { resetEnvCache } from "@/lib/env";
import { closeMerchantBatches } from "@/lib/services/reconciliation/batch-close";
import { closeException } from "@/lib/services/reconciliation/exceptions";
import { linesTotal } from "@/lib/services/reconciliation/expected";
import { reconcileMerchantDeposits } from "@/lib/services/reconciliation/run";
import { createEndpoint } from "@/lib/services/webhooks/endpoints";
import { syncMerchantBatches } from "@/lib/sync/batches";
import { syncMerchantTransactions } from "@/lib/sync/reconcile";
import { openForFile } from "@/tests/helpers/for-file";
import { connectSandbox } from "@/tests/helpers/sandbox-merchant";
import { makeTenants } from "@/tests/helpers/tenants";
import { EXPIRY, serveBoth } from "./world";

/**
 * The reconciliation service end to end against both emulators over real HTTP and a real database: batch close on
 * the documented calls, deposits matched to the cent with each line traced, a $1.00 short deposit raising an
 * exception that a person resolves with a note (audited).
 */

const DAY = 86_400;
const origin = openForFile(serveBoth);
beforeAll(() => {
  process.env.APP_URL = origin.url;
  resetEnvCache();
});

async function cardPointe() {
  const t = await makeTenants("cardpointe");
  const c = (await connectSandbox(t.merchantA, "Recon CP", "cardpointe")).credentials.gateway;
  if (c.family !== "cardpointe") throw new Error("not cardpointe");
  const auth = `Basic ${Buffer.from(`${c.username}:${c.password}`).toString("base64")}`;
  const control = async (path: string, body: object) => {
    const r = await fetch(`${origin.url}/sandbox/cardpointe/_control/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ merchid: c.merchid, ...body }),
    });
    expect(r.status, path).toBe(200);
    return (await r.json()) as Record<string, unknown>;
  };
  return {
    t,
    control,
    async sale(amount: string) {
      const r = await fetch(`${origin.url}/sandbox/cardpointe/${c.site}-uat/cardconnect/rest/auth`, {
        method: "PUT",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify({ merchid: c.merchid, amount, account: "4111111111111111", expiry: EXPIRY, capture: "Y" }),
      });
      const j = (await r.json()) as { respstat: string; retref: string };
      expect(j.respstat).toBe("A");
      return j.retref;
    },
    now: async () => new Date(String((await control("clock", { advance_seconds: 0 })).now)),
  };
}

describe("reconciliation service", () => {
  it("CardPointe: close → funding → reconciled to the cent with lines traced; a $1.00 short deposit is an exception resolved with a note", async () => {
    const cp = await cardPointe();
    const merchantId = cp.t.merchantA;
    // The merchant's books system listens for deposits and exceptions (issue 20 §4).
    const admin = { id: cp.t.adminA.id, email: cp.t.adminA.email, name: "Admin A" };
    await createEndpoint(await merchantContextFor(admin, merchantId), {
      url: "http://127.0.0.1:9/books",
      eventTypes: ["deposit.created", "deposit.reconciled", "exception.created", "exception.resolved"],
    });
    const a = await cp.sale("42.50");
    const b = await cp.sale("10.00");
    await getDb()
      .insert(invoicePayments)
      .values({
        merchantId,
        idempotencyKey: `inv-${a}`,
        invoiceId: "INV-RECON-1",
        attemptId: "1",
        method: "card",
        status: "approved",
        amount: 4250,
        transactionId: a,
      });
    const closed = await closeMerchantBatches(merchantId, { userId: null, label: "test" });
    expect(closed.closed).toEqual([expect.objectContaining({ closed: true })]);
    expect(closed.batches).toHaveLength(1);
    expect(closed.batches[0]).toMatchObject({
      capturedAmount: 5250,
      creditAmount: 0,
      netDeposit: 5250,
      transactionCount: 2,
    });

    const closedAt = await cp.now();
    await cp.control("clock", { advance_seconds: DAY });
    await syncMerchantBatches(merchantId, { since: new Date(closedAt.getTime() - DAY * 1000) });
    const r1 = await reconcileMerchantDeposits(merchantId, { now: await cp.now() });
    expect(r1).toMatchObject({ deposits: 1, reconciled: 1, exceptions: 0 });
    const [d1] = await getDb().select().from(deposits).where(eq(deposits.merchantId, merchantId));
    expect(d1).toMatchObject({ status: "reconciled", batchesNet: 5250, batchIds: [closed.batches[0]!.id] });
    expect(d1!.expected).toBe(d1!.funded);
    expect(linesTotal(d1!.lines)).toBe(d1!.funded);
    const traced = d1!.lines.filter((l) => l.transactionId).map((l) => l.transactionId);
    expect(traced.sort()).toEqual([a, b].sort());
    const trace = await traceTransactions({ merchantId, transactionIds: [a, b] });
    expect(trace.get(a)?.invoiceId).toBe("INV-RECON-1");

    // Reconciling again changes nothing and raises nothing.
    expect(await reconcileMerchantDeposits(merchantId, { now: await cp.now() })).toMatchObject({ deposits: 0 });

    await cp.control("funding-shortfall", { amount_minor: 100 });
    await cp.sale("19.99");
    const closed2 = await closeMerchantBatches(merchantId, { userId: null, label: "test" });
    const at2 = await cp.now();
    await cp.control("clock", { advance_seconds: DAY });
    await syncMerchantBatches(merchantId, { since: new Date(at2.getTime() - DAY * 1000) });
    const r2 = await reconcileMerchantDeposits(merchantId, { now: await cp.now() });
    expect(r2).toMatchObject({ deposits: 1, reconciled: 0, exceptions: 1 });
    const [d2] = await getDb()
      .select()
      .from(deposits)
      .where(and(eq(deposits.merchantId, merchantId), eq(deposits.status, "exception")));
    expect(d2!.batchIds).toEqual([closed2.batches[0]!.id]);
    expect(d2!.expected - d2!.funded).toBe(100);
    const [ex] = await getDb().select().from(reconExceptions).where(eq(reconExceptions.merchantId, merchantId));
    expect(ex).toMatchObject({ kind: "funding_mismatch", status: "open", depositId: d2!.providerId });
    expect(ex!.reason).toContain("$1.00 short");

    await closeException(
      { merchantId, userId: cp.t.adminA.id },
      { id: ex!.id, outcome: "resolved", note: "Bank fee, refunded by the bank" },
    );
    const [after] = await getDb().select().from(reconExceptions).where(eq(reconExceptions.id, ex!.id));
    expect(after).toMatchObject({
      status: "resolved",
      note: "Bank fee, refunded by the bank",
      resolvedByUserId: cp.t.adminA.id,
    });
    const audits = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, merchantId), eq(auditLog.targetId, ex!.id)));
    expect(audits.map((x) => x.action).sort()).toEqual([
      "reconciliation.exception.raised",
      "reconciliation.exception.resolved",
    ]);
    // Raising it again (the next run) does not reopen what a person resolved.
    await reconcileMerchantDeposits(merchantId, { now: await cp.now() });
    const [still] = await getDb().select().from(reconExceptions).where(eq(reconExceptions.id, ex!.id));
    expect(still!.status).toBe("resolved");

    // Each was announced once, with the figures in cents, in the transaction that recorded it.
    const events = await getDb()
      .select({ type: merchantEvents.type, data: merchantEvents.data })
      .from(merchantEvents)
      .where(eq(merchantEvents.merchantId, merchantId));
    expect(events.map((e) => e.type).sort()).toEqual([
      "deposit.created",
      "deposit.created",
      "deposit.reconciled",
      "exception.created",
      "exception.resolved",
    ]);
    expect(events.find((e) => e.type === "exception.created")!.data).toMatchObject({
      id: ex!.id,
      kind: "funding_mismatch",
      expected: d2!.expected,
      actual: d2!.funded,
      depositId: d2!.providerId,
    });
    expect(events.find((e) => e.type === "exception.resolved")!.data).toMatchObject({
      id: ex!.id,
      status: "resolved",
      note: "Bank fee, refunded by the bank",
    });
    expect(events.find((e) => e.type === "deposit.reconciled")!.data).toMatchObject({
      id: d1!.providerId,
      expected: d1!.funded,
      funded: d1!.funded,
    });
  });

  it("gateway family: each settled batch is a deposit matched to its cached transactions; a short net_deposit is an exception", async () => {
    const t = await makeTenants("fluidpay");
    const merchantId = t.merchantA;
    const c = (await connectSandbox(merchantId, "Recon FP", "fluidpay")).credentials.gateway;
    if (c.family !== "fluidpay") throw new Error("not fluidpay");
    const api = async (path: string, body: unknown) => {
      const r = await fetch(`${origin.url}/sandbox/gateway${path}`, {
        method: "POST",
        headers: { authorization: c.apiKey, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(r.status, path).toBe(200);
      return ((await r.json()) as { data: Record<string, unknown> & { id: string } }).data;
    };
    const card = { card: { entry_type: "keyed", number: "4111111111111111", expiration_date: "12/30", cvc: "123" } };
    const s1 = await api("/api/transaction", { type: "sale", amount: 4250, payment_method: card });
    const s2 = await api("/api/transaction", { type: "sale", amount: 1000, payment_method: card });
    // Batch close on the documented call: per terminal (none are open here), with the note on what it closes.
    const closed = await closeMerchantBatches(merchantId, { userId: null, label: "test" });
    expect(closed.note).toMatch(/daily batch time/);
    await api("/_control/settle", {});
    await syncMerchantTransactions(merchantId, { kind: "reconcile" });
    await syncMerchantBatches(merchantId);
    const r1 = await reconcileMerchantDeposits(merchantId);
    expect(r1).toMatchObject({ deposits: 1, reconciled: 1 });
    const [d1] = await getDb().select().from(deposits).where(eq(deposits.merchantId, merchantId));
    expect(d1).toMatchObject({ status: "reconciled", expected: 5250, funded: 5250 });
    expect(d1!.lines.map((l) => l.transactionId).sort()).toEqual([s1.id, s2.id].sort());

    await api("/_control/deposit-shortfall", { amount: 100 });
    await api("/api/transaction", { type: "sale", amount: 1999, payment_method: card });
    await api("/_control/settle", {});
    await syncMerchantTransactions(merchantId, { kind: "reconcile" });
    await syncMerchantBatches(merchantId);
    const r2 = await reconcileMerchantDeposits(merchantId);
    expect(r2).toMatchObject({ deposits: 2, reconciled: 1, exceptions: 1 });
    const [ex] = await getDb().select().from(reconExceptions).where(eq(reconExceptions.merchantId, merchantId));
    expect(ex).toMatchObject({ kind: "funding_mismatch", expected: 1999, actual: 1899, status: "open" });
  });
});
