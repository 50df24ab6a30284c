import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchNet, depositLines, expectedDeposit, linesTotal, settledItemOf } from "./expected";

describe("expected deposit", () => {
  it("is batches' net − fees + adjustments − chargebacks, in cents", () => {
    expect(
      expectedDeposit({
        batches: [
          { id: "a", net: 5250 },
          { id: "b", net: -1000 },
        ],
        fees: 307,
        adjustments: -195,
        chargebacks: 100,
      }),
    ).toBe(5250 - 1000 - 307 - 195 - 100);
  });

  it("nets sales against refunds and credits; voided, declined and returned transactions are not in the deposit", () => {
    const t = (type: string, status: string, amount: number) =>
      settledItemOf({
        id: `${type}${amount}`,
        type,
        status,
        batchId: "b",
        settledAmount: amount,
        capturedAmount: amount,
      });
    const items = [t("sale", "settled", 1000), t("refund", "settled", 300), t("credit", "settled", 50)];
    expect(batchNet(items.filter((i) => i !== null))).toBe(650);
    expect(t("sale", "voided", 1)).toBeNull();
    expect(t("sale", "returned", 1)).toBeNull();
    expect(
      settledItemOf({ id: "x", type: "sale", status: "settled", batchId: null, settledAmount: 1, capturedAmount: 1 }),
    ).toBeNull();
  });

  it("its lines always add up to it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ refund: fc.boolean(), amount: fc.integer({ min: 0, max: 10_000_000 }) }), {
          maxLength: 30,
        }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 3 }),
        fc.array(fc.integer({ min: -100_000, max: 100_000 }), { maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 3 }),
        (txns, fees, adjustments, chargebacks) => {
          const items = txns.map((x, i) => ({
            transactionId: String(i),
            batchId: "b",
            kind: x.refund ? ("refund" as const) : ("sale" as const),
            amount: x.amount,
          }));
          const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
          const expected = expectedDeposit({
            batches: [{ id: "b", net: batchNet(items) }],
            fees: sum(fees),
            adjustments: sum(adjustments),
            chargebacks: sum(chargebacks),
          });
          const lines = depositLines({
            items,
            fees: fees.map((amount) => ({ amount, label: "Fee" })),
            adjustments: adjustments.map((amount) => ({ amount, label: "Adjustment" })),
            chargebacks: chargebacks.map((amount) => ({ transactionId: null, amount, label: "Chargeback" })),
          });
          expect(linesTotal(lines)).toBe(expected);
        },
      ),
    );
  });
});
