import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listTransactions } from "@/db/queries/transactions";
import { auditLog } from "@/db/schema";
import { refundTransactionAction } from "@/lib/actions/transactions";
import { runAsSession } from "@/lib/auth/session";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { makeUser } from "@/tests/helpers/tenants";
import { makeWorld, type World } from "./world";
import { openForFile } from "@/tests/helpers/for-file";

/**
 * Finding 2 of the security review: the staff limit held a session advisory lock on a pooled connection across the
 * whole refund (gateway call included), so concurrent refunds by one person queued on the lock each holding one of
 * the pool's 20 connections, and the lock holder could not get a connection for its write-through. A bounded load on
 * loopback: 50 concurrent staff refunds plus ordinary reads at the same time. Nothing is timed; the assertions are
 * that every request gets its answer (no pool-exhaustion failure), every refund that happened is audited exactly
 * once, and no transaction is refunded beyond what settled.
 */

const w = openForFile(makeWorld);

describe("50 concurrent staff refunds with other traffic", () => {
  it("answers every request, audits every refund once and never refunds more than settled", async () => {
    const staff = await makeUser(`staff-load-${randomUUID().slice(0, 6)}@t.test`, "merchant_staff", {
      merchantId: w.t.merchantA,
    });
    // Ten settled $3.00 sales; fifty $1.00 refunds spread over them: 30 fit, 20 are over what settled.
    const sales: Awaited<ReturnType<World["sale"]>>[] = [];
    for (let i = 0; i < 10; i++) sales.push(await w.sale(300));
    await w.settle();

    const refunds = Array.from({ length: 50 }, (_, i) =>
      runAsSession(staff.claims, () =>
        refundTransactionAction({ merchantId: w.t.merchantA, transactionId: sales[i % 10]!.id, amount: "1.00" }),
      ),
    );
    // Ordinary traffic at the same time: list reads of the cache through the one read layer.
    const reads = Array.from({ length: 30 }, () =>
      listTransactions({ merchantId: w.t.merchantA, limit: 25 }).then(() => "read ok"),
    );
    const [refundResults, readResults] = await Promise.all([Promise.all(refunds), Promise.allSettled(reads)]);

    expect(readResults.filter((r) => r.status === "rejected")).toEqual([]);
    const failures = refundResults.filter((r) => !r.ok);
    // Refused refunds are refusals with a reason (over what settled), never "something went wrong".
    expect(failures.filter((r) => !r.ok && r.code !== "invalid")).toEqual([]);
    const succeeded = refundResults.filter((r) => r.ok);
    expect(succeeded).toHaveLength(30);

    const gateway = await gatewayForMerchant(w.t.merchantA);
    let refundedTotal = 0;
    for (const s of sales) {
      const t = await gateway.transactions.get(s.id);
      expect(t.refundedAmount).toBeLessThanOrEqual(t.settledAmount);
      refundedTotal += t.refundedAmount;
    }
    expect(refundedTotal).toBe(3_000);

    const audited = await getDb()
      .select({ n: sql<number>`count(*)::int`, total: sql<string>`sum((${auditLog.after}->>'refundAmount')::bigint)` })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.merchantId, w.t.merchantA),
          eq(auditLog.actorUserId, staff.id),
          eq(auditLog.action, "transaction.refund"),
          inArray(
            auditLog.targetId,
            sales.map((s) => s.id),
          ),
        ),
      );
    expect(audited[0]).toMatchObject({ n: 30 });
    expect(Number(audited[0]?.total)).toBe(refundedTotal);
  });
});
