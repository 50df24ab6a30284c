import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler as gatewaySandbox } from "@portal/sandbox/fluidpay";
import type { Transaction } from "@/lib/gateway/types";
import { batchNet, expectedDeposit, settledItemOf, type SettledItem } from "@/lib/services/reconciliation/expected";
import { cardPointeFigures } from "@/lib/services/reconciliation/run";
import { serve, type Served } from "@/tests/helpers/serve";
import { Sandbox } from "@/tests/integration/sandbox-cardpointe/helpers";
import { cardPointeMerchant, gatewayFamilyAccount } from "./world";

/**
 * Issue 20 acceptance: over random days of sales, partial captures, voids, refunds and (CardPointe) chargebacks, the
 * deposit the portal expects — the one module (lib/services/reconciliation/expected.ts) over what the portal's
 * adapters read back — equals what the sandbox funds, to the cent. Each generated day is closed through the portal's
 * documented batch close (CardPointe `closebatch`) or the gateway's batch time, and the deposit is read on the
 * sandbox's own clock (never the wall-clock day).
 */

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

type Op =
  | { k: "sale"; amount: number }
  | { k: "partial"; amount: number; pct: number }
  | { k: "void"; amount: number }
  | { k: "refund"; pick: number; pct: number }
  | { k: "chargeback"; pick: number; pct: number };

// Under $1,000: whole dollars 1000–1999 are the UAT amount-driven responses (declines), not sales.
const amount = fc.integer({ min: 100, max: 99_999 });
const pct = fc.integer({ min: 1, max: 100 });
const op = (withChargebacks: boolean): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({ k: fc.constant("sale" as const), amount }),
    fc.record({ k: fc.constant("partial" as const), amount, pct }),
    fc.record({ k: fc.constant("void" as const), amount }),
    fc.record({ k: fc.constant("refund" as const), pick: fc.nat(), pct }),
    ...(withChargebacks ? [fc.record({ k: fc.constant("chargeback" as const), pick: fc.nat(), pct })] : []),
  );
const days = (withChargebacks: boolean) =>
  fc.array(fc.array(op(withChargebacks), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 });

const part = (amt: number, p: number) => Math.max(1, Math.floor((amt * p) / 100));

/** Settled sales a later day may refund or charge back, with what is left of each. */
type Pool = Array<{ id: string; left: number }>;

/** One family's way of doing each generated operation against its emulator. */
interface Driver {
  /** A captured sale; its id. */
  sale(amount: number): Promise<string>;
  /** An authorization captured for `capture` of it; its id. */
  partial(amount: number, capture: number): Promise<string>;
  voidedSale(amount: number): Promise<void>;
  refund(id: string, amount: number): Promise<void>;
  chargeback?(id: string, amount: number): Promise<void>;
}

/** Runs one generated day: the net the model expects (sales − refunds) and the sales it settles. */
async function runDay(d: Driver, day: Op[], pool: Pool): Promise<{ net: number; settled: Pool }> {
  let net = 0;
  const settled: Pool = [];
  for (const o of day) {
    if (o.k === "sale") {
      settled.push({ id: await d.sale(o.amount), left: o.amount });
      net += o.amount;
    } else if (o.k === "partial") {
      const c = part(o.amount, o.pct);
      settled.push({ id: await d.partial(o.amount, c), left: c });
      net += c;
    } else if (o.k === "void") {
      await d.voidedSale(o.amount);
    } else {
      const s = pool.filter((p) => p.left > 0)[o.pick % Math.max(1, pool.length)];
      if (!s || s.left <= 0 || (o.k === "chargeback" && !d.chargeback)) continue;
      const a = part(s.left, o.pct);
      if (o.k === "refund") {
        await d.refund(s.id, a);
        net -= a;
      } else {
        await d.chargeback!(s.id, a);
      }
      s.left -= a;
    }
  }
  return { net, settled };
}

let cp: Sandbox;
let fp: Served;
beforeAll(async () => {
  cp = await Sandbox.start();
  fp = await serve(gatewaySandbox);
});
afterAll(async () => {
  await cp.close();
  await fp.close();
});

describe("expected deposit = the sandbox's funding, for every generated day", () => {
  it("CardPointe: settlestat batch nets − funding fees ± adjustments − chargebacks = totalfunding", async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(days(true), async (plan) => {
        const mer = await cardPointeMerchant(cp);
        const cpDriver: Driver = {
          sale: (amount) => mer.sale(amount),
          async partial(amount, capture) {
            const retref = await mer.sale(amount, false);
            expect((await mer.capture(retref, capture)).respstat).toBe("A");
            return retref;
          },
          async voidedSale(amount) {
            expect((await mer.void(await mer.sale(amount))).respstat).toBe("A");
          },
          async refund(id, amount) {
            expect((await mer.refund(id, amount)).respstat).toBe("A");
          },
          chargeback: (id, amount) => mer.chargeback(id, amount),
        };
        const pool: Pool = [];
        for (const day of plan) {
          const { net, settled: settledToday } = await runDay(cpDriver, day, pool);
          const at = await mer.now();
          const closed = await mer.adapter.closeBatch();
          await mer.advanceDays(1);
          pool.push(...settledToday);
          const deposits = await mer.adapter.funding({ date: isoDay(new Date(at.getTime() + DAY)) });
          if (!closed.closed || deposits.length === 0) {
            // Only a day whose every sale was voided (and no refunds) closes with nothing to fund.
            expect(net === 0 && settledToday.length === 0).toBe(true);
            continue;
          }
          expect(deposits).toHaveLength(1);
          const d = deposits[0]!;
          expect(d.batchIds).toEqual([closed.batchId]);
          const batches = await mer.adapter.settlement.searchBatches({ batchId: closed.batchId! });
          const figures = cardPointeFigures(d, new Map(batches.items.map((b) => [b.id, b.netDeposit])));
          expect(figures.batches.reduce((s, b) => s + b.net, 0)).toBe(net);
          expect(expectedDeposit(figures)).toBe(d.totalFunding);
          checked += 1;
        }
      }),
      { numRuns: 15 },
    );
    expect(checked).toBeGreaterThan(0);
  });

  it("gateway family: the batch's settled transactions add up to its net_deposit", async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(days(false), async (plan) => {
        const acct = await gatewayFamilyAccount(fp.url, "Recon property");
        const fpDriver: Driver = {
          sale: (amount) => acct.sale(amount),
          async partial(amount, capture) {
            const id = await acct.authorize(amount);
            await acct.capture(id, capture);
            return id;
          },
          voidedSale: async (amount) => void (await acct.void(await acct.sale(amount))),
          refund: async (id, amount) => void (await acct.refund(id, amount)),
        };
        const pool: Pool = [];
        for (const day of plan) {
          const { net, settled: settledToday } = await runDay(fpDriver, day, pool);
          const batches = (await acct.settle()) as unknown as Array<{ id: string }>;
          await acct.advanceDays(1);
          pool.push(...settledToday);
          if (batches.length === 0) {
            expect(net === 0 && settledToday.length === 0).toBe(true);
            continue;
          }
          const found = (await acct.adapter.settlement.searchBatches({ limit: 100 })).items.find(
            (b) => b.id === batches[0]!.id,
          );
          expect(found).toBeDefined();
          const all: Transaction[] = [];
          for (let offset = 0; ; offset += 100) {
            const page = await acct.adapter.transactions.search({
              createdFrom: "2000-01-01T00:00:00.000Z",
              // The sandbox clock runs ahead of the wall clock here (a day per generated day).
              createdTo: new Date((await acct.now()).getTime() + DAY).toISOString(),
              limit: 100,
              offset,
            });
            all.push(...page.items);
            if (page.items.length < 100) break;
          }
          const items = all
            .filter((t) => t.batchId === found!.id)
            .map((t) => settledItemOf(t))
            .filter((i): i is SettledItem => i !== null);
          const portalNet = batchNet(items);
          expect(portalNet).toBe(net);
          expect(
            expectedDeposit({ batches: [{ id: found!.id, net: portalNet }], fees: 0, adjustments: 0, chargebacks: 0 }),
          ).toBe(found!.netDeposit);
          checked += 1;
        }
      }),
      { numRuns: 15 },
    );
    expect(checked).toBeGreaterThan(0);
  });
});
