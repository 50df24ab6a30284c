import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { invoices, reconExceptions, reconSettings, settlementBatches, transactions } from "@/db/schema";
import { resetEnvCache } from "@/lib/env";
import { dueAutoCloses } from "@/lib/jobs/reconciliation";
import { reconcileMerchantDeposits } from "@/lib/services/reconciliation/run";
import { openForFile } from "@/tests/helpers/for-file";
import { connectSandbox } from "@/tests/helpers/sandbox-merchant";
import { makeTenants } from "@/tests/helpers/tenants";
import { serveBoth } from "./world";

/** The exception rules that read the cache, and the unfunded-batch rule against the CardPointe emulator. */

const DAY = 86_400_000;
const origin = openForFile(serveBoth);
beforeAll(() => {
  process.env.APP_URL = origin.url;
  resetEnvCache();
});

const now = new Date("2026-03-10T12:00:00.000Z");
const ago = (days: number) => new Date(now.getTime() - days * DAY);

function tx(merchantId: string, over: Partial<typeof transactions.$inferInsert>): typeof transactions.$inferInsert {
  return {
    merchantId,
    providerId: `t-${Math.random().toString(36).slice(2)}`,
    family: "fluidpay",
    type: "sale",
    status: "settled",
    approved: true,
    amount: 1000,
    capturedAmount: 1000,
    methodKind: "card",
    providerCreatedAt: ago(5),
    providerUpdatedAt: ago(5),
    ...over,
  };
}

async function kinds(merchantId: string) {
  const rows = await getDb().select().from(reconExceptions).where(eq(reconExceptions.merchantId, merchantId));
  return rows.map((r) => [r.kind, r.subjectId] as const).sort();
}

describe("exception rules", () => {
  it("captured never settled, refund without original, paid invoice without a settled payment — each once", async () => {
    const merchantId = (await makeTenants("fluidpay")).merchantA;
    const stuck = tx(merchantId, { status: "pending_settlement" });
    const fresh = tx(merchantId, { status: "pending_settlement", providerCreatedAt: ago(1) });
    const original = tx(merchantId, {});
    const refund = tx(merchantId, { type: "refund", referencedTransactionId: original.providerId });
    const orphan = tx(merchantId, { type: "refund", referencedTransactionId: "not-here" });
    const paidUnsettled = tx(merchantId, { status: "authorized", invoiceId: "INV-A" });
    const paidSettled = tx(merchantId, { invoiceId: "INV-B" });
    await getDb().insert(transactions).values([stuck, fresh, original, refund, orphan, paidUnsettled, paidSettled]);
    const invoice = (providerId: string, over: Partial<typeof invoices.$inferInsert> = {}) => ({
      merchantId,
      providerId,
      status: "paid",
      total: 1000,
      document: {} as never,
      providerCreatedAt: ago(6),
      providerUpdatedAt: ago(5),
      ...over,
    });
    await getDb()
      .insert(invoices)
      .values([invoice("INV-A"), invoice("INV-B"), invoice("INV-C", { paidOutsideMethod: "check" })]);

    await reconcileMerchantDeposits(merchantId, { now });
    const expected = [
      ["invoice_unsettled", "INV-A"],
      ["orphan_refund", orphan.providerId],
      ["unsettled_capture", stuck.providerId],
    ].sort();
    expect(await kinds(merchantId)).toEqual(expected);
    // A second run raises nothing new.
    await reconcileMerchantDeposits(merchantId, { now });
    expect(await kinds(merchantId)).toEqual(expected);
  });

  it("a CardPointe batch settled longer ago than the merchant's grace period with no deposit is an exception", async () => {
    const merchantId = (await makeTenants("cardpointe")).merchantA;
    await connectSandbox(merchantId, "Unfunded", "cardpointe");
    await getDb().insert(reconSettings).values({ merchantId, fundingGraceDays: 2 });
    const batch = (providerId: string, batchDate: Date) => ({
      merchantId,
      providerId,
      batchDate,
      transactionCount: 1,
      capturedAmount: 2500,
      netDeposit: 2500,
      status: "settled",
    });
    const realNow = new Date();
    await getDb()
      .insert(settlementBatches)
      .values([batch("old-batch", new Date(realNow.getTime() - 5 * DAY)), batch("new-batch", realNow)]);
    await reconcileMerchantDeposits(merchantId, { now: realNow });
    expect(await kinds(merchantId)).toEqual([["unfunded_batch", "old-batch"]]);
  });

  it("the daily auto-close is due once the time has passed, once a day", async () => {
    const a = (await makeTenants("fluidpay")).merchantA;
    const b = (await makeTenants("fluidpay")).merchantA;
    const c = (await makeTenants("fluidpay")).merchantA;
    await getDb()
      .insert(reconSettings)
      .values([
        { merchantId: a, autoCloseAt: "21:30" },
        { merchantId: b, autoCloseAt: "23:00" },
        { merchantId: c, autoCloseAt: "21:00", lastAutoCloseDay: "2026-03-10" },
      ]);
    const due = await dueAutoCloses(new Date("2026-03-10T22:00:00.000Z"));
    expect(due).toContain(a);
    expect(due).not.toContain(b);
    expect(due).not.toContain(c);
  });
});
