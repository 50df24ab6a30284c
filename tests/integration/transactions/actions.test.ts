import { and, desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, transactions } from "@/db/schema";
import {
  captureTransactionAction,
  refundTransactionAction,
  reverseTransactionAction,
  voidTransactionAction,
} from "@/lib/actions/transactions";
import { runAsSession, type SessionClaims } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { makeUser } from "@/tests/helpers/tenants";
import { makeWorld } from "./world";
import { openForFile } from "@/tests/helpers/for-file";

const w = openForFile(makeWorld);

const as = <T>(claims: SessionClaims, fn: () => Promise<T>) => runAsSession(claims, fn);
const input = (transactionId: string, extra: Record<string, string> = {}) => ({
  merchantId: w.t.merchantA,
  transactionId,
  ...extra,
});

async function cached(id: string) {
  const [row] = await getDb()
    .select({
      status: transactions.status,
      refunded: transactions.refundedAmount,
      captured: transactions.capturedAmount,
    })
    .from(transactions)
    .where(and(eq(transactions.merchantId, w.t.merchantA), eq(transactions.providerId, id)));
  return row;
}

async function auditFor(id: string) {
  return getDb()
    .select({ action: auditLog.action, actor: auditLog.actorUserId, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.merchantId, w.t.merchantA), eq(auditLog.targetId, id)))
    .orderBy(desc(auditLog.id));
}

describe("transaction actions", () => {
  it("captures an authorization up to the authorized amount, refuses more with a field error, audits and caches", async () => {
    const auth = await w.sale(5000, { type: "authorize" });
    const over = await as(w.t.adminA.claims, () => captureTransactionAction(input(auth.id, { amount: "50.01" })));
    expect(over).toMatchObject({ ok: false, code: "invalid" });
    if (!over.ok) expect(over.fieldErrors?.amount?.[0]).toMatch(/at most \$50\.00/);
    expect(await auditFor(auth.id)).toHaveLength(0);

    const ok = await as(w.t.adminA.claims, () => captureTransactionAction(input(auth.id, { amount: "40.00" })));
    expect(ok).toMatchObject({ ok: true, data: { status: "pending_settlement" } });
    expect(await cached(auth.id)).toMatchObject({ status: "pending_settlement", captured: 4000 });
    const audit = await auditFor(auth.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "transaction.capture", actor: w.t.adminA.id });
  });

  it("voids before settlement and refuses a void after settlement with a field error", async () => {
    const before = await w.sale(1200);
    const voided = await as(w.t.adminA.claims, () => voidTransactionAction(input(before.id)));
    expect(voided).toMatchObject({ ok: true, data: { status: "voided" } });
    expect(await cached(before.id)).toMatchObject({ status: "voided" });
    expect((await auditFor(before.id))[0]).toMatchObject({ action: "transaction.void" });

    const settledSale = await w.sale(1300);
    await w.settle();
    const late = await as(w.t.adminA.claims, () => voidTransactionAction(input(settledSale.id)));
    expect(late).toMatchObject({ ok: false, code: "invalid" });
    if (!late.ok) expect(late.fieldErrors?.transactionId?.[0]).toMatch(/settled.*Refund it instead/);
    expect(await auditFor(settledSale.id)).toHaveLength(0);
  });

  it("refuses a refund before settlement, refunds partially after it, and refuses refunds beyond the settled amount", async () => {
    const sale = await w.sale(4250);
    const early = await as(w.t.adminA.claims, () => refundTransactionAction(input(sale.id, { amount: "10.00" })));
    expect(early).toMatchObject({ ok: false, code: "invalid" });
    if (!early.ok) expect(early.fieldErrors?.amount?.[0]).toMatch(/not settled yet/);

    await w.settle();
    const first = await as(w.t.adminA.claims, () => refundTransactionAction(input(sale.id, { amount: "10.00" })));
    expect(first).toMatchObject({ ok: true, data: { status: "partially_refunded" } });
    expect(await cached(sale.id)).toMatchObject({ status: "partially_refunded", refunded: 1000 });
    if (first.ok && first.data.refundId) {
      // The refund's own transaction is written through too, linked to the original.
      const [r] = await getDb()
        .select({ ref: transactions.referencedTransactionId, type: transactions.type })
        .from(transactions)
        .where(and(eq(transactions.merchantId, w.t.merchantA), eq(transactions.providerId, first.data.refundId)));
      expect(r).toMatchObject({ ref: sale.id, type: "refund" });
    }

    const beyond = await as(w.t.adminA.claims, () => refundTransactionAction(input(sale.id, { amount: "32.51" })));
    expect(beyond).toMatchObject({ ok: false, code: "invalid" });
    if (!beyond.ok) expect(beyond.fieldErrors?.amount?.[0]).toMatch(/at most \$32\.50/);

    const rest = await as(w.t.adminA.claims, () => refundTransactionAction(input(sale.id, { amount: "32.50" })));
    expect(rest).toMatchObject({ ok: true, data: { status: "refunded" } });
    const audit = await auditFor(sale.id);
    expect(audit.map((a) => a.action)).toEqual(["transaction.refund", "transaction.refund"]);
  });

  it("staff cannot refund above the limit, and can below it", async () => {
    const limit = env().STAFF_REFUND_LIMIT_CENTS;
    expect(limit).toBe(10_000);
    const sale = await w.sale(25_000);
    await w.settle();
    const above = await as(w.t.staffA.claims, () => refundTransactionAction(input(sale.id, { amount: "100.01" })));
    expect(above).toMatchObject({ ok: false, code: "invalid" });
    if (!above.ok) expect(above.fieldErrors?.amount?.[0]).toMatch(/Staff can give back up to \$100\.00/);
    expect(await cached(sale.id)).toMatchObject({ refunded: 0 });
    expect(await auditFor(sale.id)).toHaveLength(0);

    const below = await as(w.t.staffA.claims, () => refundTransactionAction(input(sale.id, { amount: "100.00" })));
    expect(below).toMatchObject({ ok: true, data: { status: "partially_refunded" } });
    expect((await auditFor(sale.id))[0]).toMatchObject({ action: "transaction.refund", actor: w.t.staffA.id });

    // An admin is not bound by the staff limit.
    const admin = await as(w.t.adminA.claims, () => refundTransactionAction(input(sale.id, { amount: "150.00" })));
    expect(admin).toMatchObject({ ok: true, data: { status: "refunded" } });
  });

  it("the staff limit adds up over 24 hours, across transactions, and holds under concurrent refunds", async () => {
    const staff = await makeUser(`staff-cumulative-${Date.now()}@t.test`, "merchant_staff", {
      merchantId: w.t.merchantA,
    });
    const first = await w.sale(20_000);
    const second = await w.sale(20_000);
    await w.settle();

    const r1 = await as(staff.claims, () => refundTransactionAction(input(first.id, { amount: "60.00" })));
    expect(r1).toMatchObject({ ok: true });
    // $60 used: $50 on another transaction would bring the day to $110, above the $100 limit.
    const split = await as(staff.claims, () => refundTransactionAction(input(second.id, { amount: "50.00" })));
    expect(split).toMatchObject({ ok: false, code: "invalid" });
    if (!split.ok) expect(split.fieldErrors?.amount?.[0]).toMatch(/\$40\.00 left/);
    expect(await cached(second.id)).toMatchObject({ refunded: 0 });

    // Two concurrent $30 refunds with $40 left: one passes, the other is refused (no lost update).
    const both = await Promise.all([
      as(staff.claims, () => refundTransactionAction(input(second.id, { amount: "30.00" }))),
      as(staff.claims, () => refundTransactionAction(input(first.id, { amount: "30.00" }))),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok)).toHaveLength(1);
    const refundedByStaff = await getDb()
      .select({ total: sql<string>`coalesce(sum((${auditLog.after}->>'refundAmount')::bigint), 0)` })
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, w.t.merchantA), eq(auditLog.actorUserId, staff.id)));
    expect(Number(refundedByStaff[0]?.total)).toBe(9_000);

    // The other staff member's refunds don't count against this one, and admins stay unlimited.
    const admin = await as(w.t.adminA.claims, () => refundTransactionAction(input(second.id, { amount: "120.00" })));
    expect(admin).toMatchObject({ ok: true });
  });

  it("Reverse voids an unsettled sale and refunds the rest of a settled one, each with an audit row", async () => {
    const open = await w.sale(800);
    const r1 = await as(w.t.adminA.claims, () => reverseTransactionAction(input(open.id)));
    expect(r1).toMatchObject({ ok: true, data: { via: "void", status: "voided" } });

    const settled = await w.sale(900);
    await w.settle();
    await as(w.t.adminA.claims, () => refundTransactionAction(input(settled.id, { amount: "1.00" })));
    const r2 = await as(w.t.adminA.claims, () => reverseTransactionAction(input(settled.id)));
    expect(r2).toMatchObject({ ok: true, data: { via: "refund", status: "refunded" } });
    expect(await cached(settled.id)).toMatchObject({ status: "refunded", refunded: 900 });

    expect((await auditFor(open.id)).map((a) => a.action)).toEqual(["transaction.reverse"]);
    const audit = await auditFor(settled.id);
    expect(audit.map((a) => a.action)).toEqual(["transaction.reverse", "transaction.refund"]);
    expect(audit[0]?.after).toMatchObject({ via: "refund", refundAmount: 800 });

    const again = await as(w.t.adminA.claims, () => reverseTransactionAction(input(settled.id)));
    expect(again).toMatchObject({ ok: false, code: "invalid" });
  });

  it("a user of another merchant cannot act on this merchant's transaction", async () => {
    const sale = await w.sale(700);
    const r = await as(w.t.adminB.claims, () => voidTransactionAction(input(sale.id)));
    expect(r).toMatchObject({ ok: false, code: "not_found" });
    expect(await cached(sale.id)).toMatchObject({ status: "pending_settlement" });
  });

  it("leaves no full card number in the cache or the audit rows these actions wrote", async () => {
    const rows = await getDb().execute<{ row: string }>(
      sql`select row_to_json(t)::text as row from transactions t where merchant_id = ${w.t.merchantA}
          union all select row_to_json(a)::text from audit_log a where merchant_id = ${w.t.merchantA}`,
    );
    expect(rows.rows.length).toBeGreaterThan(10);
    for (const { row } of rows.rows) expect(row).not.toMatch(/\d{13,19}/);
  });
});
