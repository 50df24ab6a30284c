import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { dailyRollups, transactions } from "@/db/schema";
import { upsertTransactions } from "@/lib/sync/transactions";
import { makeTransaction } from "@/tests/fixtures/transactions";
import { makeTenants } from "@/tests/helpers/tenants";
import { recomputedRollups, storedRollups } from "../reliability/rollups";

afterAll(closeDb);

const statuses = [
  "authorized",
  "pending_settlement",
  "settled",
  "declined",
  "voided",
  "refunded",
  "partially_refunded",
];

describe("upsertTransactions", () => {
  it("is idempotent: the same transaction twice is one row and counted once", async () => {
    const mid = (await makeTenants()).merchantA;
    const t = makeTransaction({ id: "tx_idem_1", amount: 4250, authorizedAmount: 4250, capturedAmount: 4250 });
    const first = await upsertTransactions(getDb(), mid, [t]);
    const second = await upsertTransactions(getDb(), mid, [t]);
    expect(first).toEqual({ inserted: 1, updated: 0, stale: 0 });
    expect(second).toEqual({ inserted: 0, updated: 1, stale: 0 });
    const [r] = await getDb().select().from(dailyRollups).where(eq(dailyRollups.merchantId, mid));
    expect(r).toMatchObject({ grossVolume: 4250, transactionCount: 1, approvedCount: 1 });
  });

  it("ignores an update older than what it holds (out-of-order delivery)", async () => {
    const mid = (await makeTenants()).merchantA;
    const newer = makeTransaction({
      id: "tx_ooo",
      status: "settled",
      settledAmount: 1000,
      updatedAt: "2026-11-02T00:00:00.000Z",
    });
    const older = makeTransaction({
      id: "tx_ooo",
      status: "pending_settlement",
      updatedAt: "2026-11-01T13:00:00.000Z",
    });
    await upsertTransactions(getDb(), mid, [newer]);
    expect(await upsertTransactions(getDb(), mid, [older])).toEqual({ inserted: 0, updated: 0, stale: 1 });
    const [row] = await getDb().select().from(transactions).where(eq(transactions.merchantId, mid));
    expect(row?.status).toBe("settled");
  });

  it("keeps the amount tried on a decline when a later sync reads it as 0.00 (CardPointe inquire)", async () => {
    const mid = (await makeTenants()).merchantA;
    const declined = {
      id: "tx_decl",
      status: "declined" as const,
      approved: false,
      authorizedAmount: 0,
      capturedAmount: 0,
    };
    // Cached by the write-through with the amount the payer tried…
    await upsertTransactions(getDb(), mid, [
      makeTransaction({ ...declined, amount: 7300, updatedAt: "2026-11-01T13:00:00.000Z" }),
    ]);
    // …then the sync inquires it: the gateway says "0.00".
    await upsertTransactions(getDb(), mid, [
      makeTransaction({ ...declined, amount: 0, updatedAt: "2026-11-02T00:00:00.000Z" }),
    ]);
    const [row] = await getDb().select().from(transactions).where(eq(transactions.merchantId, mid));
    expect(row).toMatchObject({ status: "declined", amount: 7300 });
    expect(await storedRollups(mid)).toEqual(await recomputedRollups(mid));
  });

  it("keeps a tip-adjusted split and a stored signature when a later read carries only the new total", async () => {
    const mid = (await makeTenants()).merchantA;
    const terminal = {
      kind: "terminal" as const,
      brand: "visa" as const,
      maskedNumber: null,
      lastFour: "1443",
      entryType: "EMVContact",
      cardholderName: null,
    };
    const base = { id: "tx_tip", family: "cardpointe" as const, amount: 2300, capturedAmount: 2300 };
    // The write-through of the tip capture knows the split and the signature…
    await upsertTransactions(getDb(), mid, [
      makeTransaction({
        ...base,
        authorizedAmount: 2000,
        tipAmount: 300,
        paymentMethod: { ...terminal, signature: "H4sIAAAA" },
        updatedAt: "2026-11-01T13:00:00.000Z",
      }),
    ]);
    // …a later inquire has one amount, no tip and (here) no signature.
    await upsertTransactions(getDb(), mid, [
      makeTransaction({
        ...base,
        authorizedAmount: 2300,
        tipAmount: 0,
        paymentMethod: { ...terminal, signature: null },
        updatedAt: "2026-11-02T00:00:00.000Z",
      }),
    ]);
    const [row] = await getDb().select().from(transactions).where(eq(transactions.merchantId, mid));
    expect(row).toMatchObject({ amount: 2300, authorizedAmount: 2000, tipAmount: 300, signature: "H4sIAAAA" });
  });

  it("keeps rollups equal to an aggregation of the cached rows under random update sequences", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            id: fc.constantFrom("a", "b", "c", "d", "e"),
            type: fc.constantFrom("sale", "authorize", "refund", "credit", "verification"),
            status: fc.constantFrom(...statuses),
            amount: fc.integer({ min: 0, max: 1_000_000 }),
            day: fc.integer({ min: 1, max: 3 }),
            minute: fc.integer({ min: 0, max: 1000 }),
            brand: fc.constantFrom("visa", "mastercard", "amex"),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        async (ops) => {
          const mid = (await makeTenants()).merchantA;
          for (const op of ops) {
            await upsertTransactions(getDb(), mid, [
              makeTransaction({
                id: op.id,
                type: op.type as "sale",
                status: op.status as "settled",
                approved: op.status !== "declined",
                amount: op.amount,
                authorizedAmount: op.amount,
                capturedAmount: op.status === "authorized" ? 0 : op.amount,
                settledAmount: op.status === "settled" ? op.amount : 0,
                createdAt: `2026-11-0${op.day}T10:00:00.000Z`,
                updatedAt: new Date(Date.UTC(2026, 10, 5, 0, op.minute)).toISOString(),
                paymentMethod: { ...makeTransaction({ id: "x" }).paymentMethod, brand: op.brand } as never,
              }),
            ]);
          }
          expect(await storedRollups(mid)).toEqual(await recomputedRollups(mid));
        },
      ),
      { numRuns: 15 },
    );
  });

  it("never stores more than the masked number", async () => {
    const mid = (await makeTenants()).merchantA;
    await upsertTransactions(getDb(), mid, [makeTransaction({ id: "tx_mask" })]);
    const r = await getDb().execute<{ row: string }>(
      sql`select row_to_json(t)::text as row from transactions t where merchant_id = ${mid}`,
    );
    expect(r.rows[0]?.row).toContain("411111******1111");
    expect(r.rows[0]?.row).not.toMatch(/\d{13,19}/);
  });
});

describe("upsertTransactions under concurrency", () => {
  it("counts a new transaction once when a webhook and a write-through insert it at the same moment", async () => {
    const mid = (await makeTenants()).merchantA;
    const t = makeTransaction({ id: "tx_race", amount: 1234, authorizedAmount: 1234, capturedAmount: 1234 });
    await Promise.all(Array.from({ length: 8 }, () => upsertTransactions(getDb(), mid, [t])));
    const rows = await getDb().select().from(dailyRollups).where(eq(dailyRollups.merchantId, mid));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ grossVolume: 1234, transactionCount: 1, approvedCount: 1 });
  });
});
