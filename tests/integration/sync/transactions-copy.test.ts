import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { dailyBrandRollups, dailyChannelRollups, dailyDeclineRollups, transactions } from "@/db/schema";
import type { Transaction } from "@/lib/gateway/types";
import { upsertTransactions } from "@/lib/sync/transactions";
import { makeTransaction } from "@/tests/fixtures/transactions";
import { makeTenants } from "@/tests/helpers/tenants";
import { recomputedRollups, storedRollups } from "../reliability/rollups";

afterAll(closeDb);

/**
 * A large batch (a backfill page set) is written by COPY into a staging table and one merge; single rows by one
 * `unnest` statement. Both must leave the same cache rows and rollups — including text that COPY must escape.
 */
const AWKWARD = ["tab\there", "line\nbreak", "back\\slash \\N", "carriage\rreturn", "café ☕", ""];

function batch(n: number, version: number): Transaction[] {
  return Array.from({ length: n }, (_, i) =>
    makeTransaction({
      id: `tx_copy_${i}`,
      type: i % 7 === 0 ? "refund" : "sale",
      status:
        version === 1
          ? "pending_settlement"
          : i % 3 === 0
            ? "settled"
            : i % 5 === 0
              ? "declined"
              : "pending_settlement",
      approved: !(version === 2 && i % 5 === 0 && i % 3 !== 0),
      amount: 100 + i,
      authorizedAmount: 100 + i,
      capturedAmount: 100 + i,
      settledAmount: version === 2 && i % 3 === 0 ? 100 + i : 0,
      description: i % 4 === 0 ? null : AWKWARD[i % AWKWARD.length]!,
      orderId: i % 2 === 0 ? `ORD${i}` : null,
      createdAt: new Date(Date.UTC(2026, 10, 1 + (i % 9), 10, i % 60)).toISOString(),
      updatedAt: new Date(Date.UTC(2026, 10, 10 + version, 0, 0)).toISOString(),
    }),
  );
}

async function cached(merchantId: string) {
  const rows = await getDb().select().from(transactions).where(eq(transactions.merchantId, merchantId));
  return rows
    .map(({ merchantId: _m, syncedAt: _s, ...r }) => r)
    .sort((a, b) => a.providerId.localeCompare(b.providerId));
}

async function sideRollups(merchantId: string) {
  const db = getDb();
  const strip = <T extends { merchantId: string }>(rows: T[]) =>
    rows.map(({ merchantId: _m, ...r }) => JSON.stringify(r)).sort();
  return {
    brand: strip(await db.select().from(dailyBrandRollups).where(eq(dailyBrandRollups.merchantId, merchantId))),
    channel: strip(await db.select().from(dailyChannelRollups).where(eq(dailyChannelRollups.merchantId, merchantId))),
    decline: strip(await db.select().from(dailyDeclineRollups).where(eq(dailyDeclineRollups.merchantId, merchantId))),
  };
}

describe("upsertTransactions, large batches", () => {
  it("writes the same rows and rollups in one COPY batch as row by row, for inserts and then updates", async () => {
    const { merchantA: big, merchantB: single } = await makeTenants();
    for (const version of [1, 2]) {
      const items = batch(300, version);
      const result = await upsertTransactions(getDb(), big, items);
      expect(result).toEqual(
        version === 1 ? { inserted: 300, updated: 0, stale: 0 } : { inserted: 0, updated: 300, stale: 0 },
      );
      for (const t of items) await upsertTransactions(getDb(), single, [t]);
      const rows = await cached(big);
      expect(rows).toHaveLength(300);
      expect(rows).toEqual(await cached(single));
      expect(rows.find((r) => r.providerId === "tx_copy_6")?.description).toBe("tab\there");
      expect(rows.find((r) => r.providerId === "tx_copy_1")?.description).toBe("line\nbreak");
      expect(rows.find((r) => r.providerId === "tx_copy_2")?.description).toBe("back\\slash \\N");
      expect(await storedRollups(big)).toEqual(await recomputedRollups(big));
      expect(await storedRollups(big)).toEqual(await storedRollups(single));
      expect(await sideRollups(big)).toEqual(await sideRollups(single));
    }
    // An older copy of the whole batch is ignored as stale, in one batch as row by row.
    expect(await upsertTransactions(getDb(), big, batch(300, 0))).toEqual({ inserted: 0, updated: 0, stale: 300 });
  });

  it("joins a caller's transaction: two large batches in one transaction, and a rollback leaves nothing", async () => {
    const { merchantA: mid } = await makeTenants();
    await getDb().transaction(async (tx) => {
      await upsertTransactions(tx, mid, batch(250, 1));
      await upsertTransactions(tx, mid, batch(250, 2));
    });
    expect(await cached(mid)).toHaveLength(250);
    expect(await storedRollups(mid)).toEqual(await recomputedRollups(mid));
    const { merchantA: other } = await makeTenants();
    await expect(
      getDb().transaction(async (tx) => {
        await upsertTransactions(tx, other, batch(250, 1));
        throw new Error("caller fails after the write");
      }),
    ).rejects.toThrow("caller fails");
    expect(await cached(other)).toHaveLength(0);
  });
});
