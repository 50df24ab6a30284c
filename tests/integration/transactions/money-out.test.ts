import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { agentAssignments, auditLog, fileBatches } from "@/db/schema";
import { refundTransactionAction, reverseTransactionAction } from "@/lib/actions/transactions";
import { chargeAction } from "@/lib/actions/virtual-terminal";
import { authorize } from "@/lib/auth/guard";
import { runAsSession, type SessionClaims } from "@/lib/auth/session";
import { env } from "@/lib/env";
import type { Transaction } from "@/lib/gateway/types";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { uploadFileBatch } from "@/lib/services/file-batches/upload";
import { upsertTransactions } from "@/lib/sync/transactions";
import { makeUser, type TestUser } from "@/tests/helpers/tenants";
import { makeWorld, tokenize } from "../virtual-terminal/setup";
import { openForFile } from "@/tests/helpers/for-file";

/**
 * Finding 1 of the security review: the staff money-out limit ($100 per staff member per 24 hours) held for refunds
 * of a transaction, but a virtual-terminal Credit of $150.72 and a file batch refunding $178.65 and crediting $150.94
 * to a bank account were approved. Every path that gives money back goes through one check, counted in one place.
 */

const w = openForFile(makeWorld);

const as = <T>(claims: SessionClaims, fn: () => Promise<T>) => runAsSession(claims, fn);
let seq = 0;

async function settledSale(amount: number): Promise<Transaction> {
  const gateway = await gatewayForMerchant(w.t.merchantA);
  const tx = await gateway.transactions.create({
    type: "sale",
    amount,
    source: { kind: "card", number: "4111111111111111", expiration: "12/30" },
    idempotencyKey: idempotencyKeyFor("money-out-test", w.t.merchantA, ++seq, Date.now()),
  });
  await upsertTransactions(getDb(), w.t.merchantA, [tx]);
  const res = await fetch(`${w.served.url}/sandbox/gateway/_control/settle`, {
    method: "POST",
    headers: { authorization: w.apiKey, "content-type": "application/json" },
    body: "{}",
  });
  if (!res.ok) throw new Error(`settle failed: ${res.status}`);
  return gateway.transactions.get(tx.id);
}

function creditForm(token: string, amount: string, orderId: string) {
  const fd = new FormData();
  for (const [k, v] of Object.entries({
    merchantId: w.t.merchantA,
    intentId: randomUUID(),
    type: "credit",
    source: "card",
    token,
    amount,
    orderId,
  }))
    fd.set(k, v);
  return fd;
}

async function gatewayCount(orderId: string): Promise<number> {
  const gateway = await gatewayForMerchant(w.t.merchantA);
  return (await gateway.transactions.search({ orderId, limit: 10 })).totalCount;
}

async function newStaff(tag: string): Promise<TestUser> {
  return makeUser(`staff-${tag}-${randomUUID().slice(0, 6)}@t.test`, "merchant_staff", { merchantId: w.t.merchantA });
}

const contextOf = (u: TestUser) =>
  as(u.claims, () => authorize(undefined, { merchantId: w.t.merchantA }, "filebatches:upload"));

describe("staff money-out limit on every path", () => {
  it("refuses a staff virtual-terminal Credit of $150.72 before it reaches the gateway; an admin's goes through", async () => {
    expect(env().STAFF_REFUND_LIMIT_CENTS).toBe(10_000);
    const staff = await newStaff("credit");
    const r = await as(staff.claims, async () =>
      chargeAction(null, creditForm(await tokenize(w), "150.72", "CREDSTAFF1")),
    );
    expect(r).toMatchObject({ ok: false, code: "invalid" });
    if (!r.ok) expect(r.fieldErrors?.amount?.[0]).toMatch(/Staff can give back up to \$100\.00/);
    expect(await gatewayCount("CREDSTAFF1")).toBe(0);

    const admin = await as(w.t.adminA.claims, async () =>
      chargeAction(null, creditForm(await tokenize(w), "150.72", "CREDADMIN1")),
    );
    expect(admin).toMatchObject({ ok: true, data: { outcome: "approved" } });
  });

  it("counts credits and refunds against one budget: $60 credit, then a $50 refund is refused ($40 left)", async () => {
    const staff = await newStaff("shared");
    const sale = await settledSale(20_000);
    const credit = await as(staff.claims, async () =>
      chargeAction(null, creditForm(await tokenize(w), "60.00", "CREDSHARED1")),
    );
    expect(credit).toMatchObject({ ok: true, data: { outcome: "approved" } });
    const refund = await as(staff.claims, () =>
      refundTransactionAction({ merchantId: w.t.merchantA, transactionId: sale.id, amount: "50.00" }),
    );
    expect(refund).toMatchObject({ ok: false, code: "invalid" });
    if (!refund.ok) expect(refund.fieldErrors?.amount?.[0]).toMatch(/\$40\.00 left/);
    // Reverse (refund of everything left: $200) is refused too; $40 is still allowed as a partial refund.
    const reverse = await as(staff.claims, () =>
      reverseTransactionAction({ merchantId: w.t.merchantA, transactionId: sale.id }),
    );
    expect(reverse).toMatchObject({ ok: false });
    const partial = await as(staff.claims, () =>
      refundTransactionAction({ merchantId: w.t.merchantA, transactionId: sale.id, amount: "40.00" }),
    );
    expect(partial).toMatchObject({ ok: true });
    const more = await as(staff.claims, async () =>
      chargeAction(null, creditForm(await tokenize(w), "0.01", "CREDSHARED2")),
    );
    expect(more).toMatchObject({ ok: false, code: "invalid" });
    expect(await gatewayCount("CREDSHARED2")).toBe(0);
  });

  it("refuses a staff file batch that refunds a $178.65 sale and credits $150.94 to a bank account", async () => {
    const staff = await newStaff("batch");
    const sale = await settledSale(17_865);
    const csv = [
      "transaction_type,transaction_id,amount,ach_account_number,ach_routing_number,ach_account_type,ach_sec_code,billing_first_name",
      `refund,${sale.id},,,,,,`,
      "credit,,15094,99887766,021000021,checking,ppd,Mallory",
    ].join("\n");
    const ctx = await contextOf(staff);
    await expect(uploadFileBatch(ctx, "payout.csv", csv)).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/Staff can give back up to \$100\.00/),
    });
    const rows = await getDb()
      .select()
      .from(fileBatches)
      .where(and(eq(fileBatches.merchantId, w.t.merchantA), eq(fileBatches.uploadedBy, staff.id)));
    expect(rows).toHaveLength(0);
    const refreshed = await (await gatewayForMerchant(w.t.merchantA)).transactions.get(sale.id);
    expect(refreshed.refundedAmount).toBe(0);
  });

  it("counts a staff file batch's refund and credit rows against the budget once it is accepted", async () => {
    const staff = await newStaff("batch-ok");
    const sale = await settledSale(5_000);
    const csv = [
      "transaction_type,transaction_id,amount,customer_id",
      `refund,${sale.id},2500,`,
      `credit,,3000,${"c".repeat(20)}`,
    ].join("\n");
    const ctx = await contextOf(staff);
    await uploadFileBatch(ctx, "small.csv", csv);
    const audit = await getDb()
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, w.t.merchantA), eq(auditLog.actorUserId, staff.id)));
    expect(audit.map((a) => a.action)).toEqual(["file_batch.upload"]);
    expect(audit[0]?.after).toMatchObject({ moneyOut: 5_500 });
    // $55 used by the batch: a $45.01 credit would pass $100.
    const over = await as(staff.claims, async () =>
      chargeAction(null, creditForm(await tokenize(w), "45.01", "CREDAFTERBATCH")),
    );
    expect(over).toMatchObject({ ok: false, code: "invalid" });
    if (!over.ok) expect(over.fieldErrors?.amount?.[0]).toMatch(/\$45\.00 left/);
  });

  it("a partner agent stepping into the merchant is limited like staff", async () => {
    const agent = await makeUser(`agent-mo-${randomUUID().slice(0, 6)}@t.test`, "partner_agent", {
      partnerId: w.t.partnerId,
    });
    await getDb().insert(agentAssignments).values({ userId: agent.id, merchantId: w.t.merchantA });
    const r = await as(agent.claims, async () =>
      chargeAction(null, creditForm(await tokenize(w), "100.01", "CREDAGENT1")),
    );
    expect(r).toMatchObject({ ok: false, code: "invalid" });
    expect(await gatewayCount("CREDAGENT1")).toBe(0);
  });

  it("serialises one staff member's concurrent money-out across paths: with $40 left, one of a credit and a refund passes", async () => {
    const staff = await newStaff("race");
    const sale = await settledSale(10_000);
    const first = await as(staff.claims, () =>
      refundTransactionAction({ merchantId: w.t.merchantA, transactionId: sale.id, amount: "60.00" }),
    );
    expect(first).toMatchObject({ ok: true });
    const token = await tokenize(w);
    const both = await Promise.all([
      as(staff.claims, () => chargeAction(null, creditForm(token, "30.00", "CREDRACE1"))),
      as(staff.claims, () =>
        refundTransactionAction({ merchantId: w.t.merchantA, transactionId: sale.id, amount: "30.00" }),
      ),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok)).toHaveLength(1);
  });
});
