import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPercentString, invoiceTotals, parsePercentString, type LineInput, type TaxMode } from "./totals";

const item = (over: Partial<LineInput> = {}): LineInput => ({
  quantity: 1,
  unit_price: 1000,
  discount_type: "$",
  discount: 0,
  taxable: false,
  tax_rate: 0,
  freight: 0,
  ...over,
});
const base = { shipping: 0, adjustment: 0, amount_paid: 0 };

describe("invoice totals", () => {
  it("the seed's example: one $1.00 widget, no tax → subtotal = total = amount_due = 100", () => {
    const t = invoiceTotals({ ...base, items: [item({ unit_price: 100 })], tax: { mode: "items" } });
    expect([t.subtotal, t.tax, t.total, t.amount_due]).toEqual([100, 0, 100, 100]);
  });

  it("item-level tax per line, rounded half away from zero on the discounted line", () => {
    const t = invoiceTotals({
      ...base,
      items: [
        item({ quantity: 3, unit_price: 333, taxable: true, tax_rate: 8_250 }), // 999 × 8.25% = 82.4175 → 82
        item({ unit_price: 1000, discount_type: "%", discount: 15_000, taxable: true, tax_rate: 7_000 }), // 850 → 59.5 → 60
        item({ unit_price: 500, tax_rate: 10_000 }), // not taxable
      ],
      tax: { mode: "items" },
    });
    expect(t.lines.map((l) => [l.net, l.tax])).toEqual([
      [999, 82],
      [850, 60],
      [500, 0],
    ]);
    expect(t.subtotal).toBe(2349);
    expect(t.tax).toBe(142);
    expect(t.total).toBe(2491);
  });

  it("invoice-level percent overrides item rates and applies once to the taxable base", () => {
    const t = invoiceTotals({
      ...base,
      shipping: 500,
      adjustment: -100,
      items: [item({ unit_price: 1005, taxable: true, tax_rate: 50_000 }), item({ unit_price: 2000 })],
      tax: { mode: "percent", rate: 10_000 },
    });
    expect(t.taxable_base).toBe(1005);
    expect(t.tax).toBe(101); // 100.5 → 101
    expect(t.lines[0]?.tax).toBe(0);
    expect(t.total).toBe(1005 + 2000 + 101 + 500 - 100);
  });

  it('flat tax when tax_percent is "0.000"; amount_due after payments; total floored at 0', () => {
    const flat = invoiceTotals({ ...base, amount_paid: 300, items: [item()], tax: { mode: "flat", amount: 77 } });
    expect([flat.tax, flat.total, flat.amount_due]).toEqual([77, 1077, 777]);
    const neg = invoiceTotals({ ...base, adjustment: -5000, items: [item()], tax: { mode: "items" } });
    expect(neg.total).toBe(0);
  });

  it("a line discount never exceeds its line; freight is added untaxed", () => {
    const t = invoiceTotals({
      ...base,
      items: [item({ discount: 5000, taxable: true, tax_rate: 10_000, freight: 250 })],
      tax: { mode: "items" },
    });
    expect(t.lines[0]).toEqual({ gross: 1000, discount: 1000, net: 0, tax: 0, freight: 250, amount: 250 });
    expect(t.subtotal).toBe(250);
  });

  it("parses the wire's percentage strings", () => {
    expect(parsePercentString("8.25")).toBe(8250);
    expect(parsePercentString("0.000")).toBe(0);
    expect(parsePercentString("10")).toBe(10_000);
    expect(parsePercentString("1.0005")).toBeUndefined();
    expect(parsePercentString("abc")).toBeUndefined();
    expect(formatPercentString(8250)).toBe("8.250");
  });

  it("property: totals are the sum of rounded parts, never negative", () => {
    const line = fc.record({
      quantity: fc.integer({ min: 0, max: 50 }),
      unit_price: fc.integer({ min: 0, max: 100_000 }),
      discount_type: fc.constantFrom("$" as const, "%" as const),
      discount: fc.integer({ min: 0, max: 100_000 }),
      taxable: fc.boolean(),
      tax_rate: fc.integer({ min: 0, max: 30_000 }),
      freight: fc.integer({ min: 0, max: 2_000 }),
    });
    const tax: fc.Arbitrary<TaxMode> = fc.oneof(
      fc.constant({ mode: "items" as const }),
      fc.integer({ min: 1, max: 30_000 }).map((rate) => ({ mode: "percent" as const, rate })),
      fc.integer({ min: 0, max: 10_000 }).map((amount) => ({ mode: "flat" as const, amount })),
    );
    const round = (n: bigint) => Number((n * 2n + 100_000n) / 200_000n); // non-negative products only
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        tax,
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: -20_000, max: 20_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        (items, taxMode, shipping, adjustment, paid) => {
          const t = invoiceTotals({ items, tax: taxMode, shipping, adjustment, amount_paid: paid });
          let subtotal = 0;
          let taxable = 0;
          let itemTax = 0;
          for (const i of items) {
            const gross = i.quantity * i.unit_price;
            const d = Math.min(gross, i.discount_type === "$" ? i.discount : round(BigInt(gross) * BigInt(i.discount)));
            const net = gross - d;
            subtotal += net + i.freight;
            if (i.taxable) {
              taxable += net;
              itemTax += round(BigInt(net) * BigInt(i.tax_rate));
            }
          }
          const wantTax =
            taxMode.mode === "items"
              ? itemTax
              : taxMode.mode === "flat"
                ? taxMode.amount
                : round(BigInt(taxable) * BigInt(taxMode.rate));
          expect(t.subtotal).toBe(subtotal);
          expect(t.tax).toBe(wantTax);
          expect(t.total).toBe(Math.max(0, subtotal + wantTax + shipping + adjustment));
          expect(t.amount_due).toBe(Math.max(0, t.total - paid));
          expect(t.total).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
