import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyOverrides,
  computeCycleAmount,
  computeInvoiceTotals,
  computeTerminalTotals,
  type InvoiceInput,
  type InvoiceLineInput,
  type InvoiceTax,
  invoiceTaxFromGateway,
  computeSurchargedPayment,
  MAX_SURCHARGE_RATE,
  validatePayment,
} from "@/lib/totals";
import { invoiceTotals as sandboxInvoiceTotals } from "@portal/sandbox/fluidpay/invoices/totals";

// ---------------------------------------------------------------------------------------------------------------
// An independent reading of the written rule (docs/money.md), in BigInt, used as the oracle for properties.

function roundPct(base: bigint, rate: bigint): bigint {
  const p = base * rate;
  const abs = p < 0n ? -p : p;
  const q = (2n * abs + 100000n) / 200000n;
  return p < 0n ? -q : q;
}

function oracle(input: InvoiceInput) {
  const tax = input.tax ?? { mode: "items" as const };
  const lines = input.lines.map((l) => {
    const gross = BigInt(l.quantity) * BigInt(l.unitPrice);
    let discount = 0n;
    if (l.discount?.type === "amount") discount = BigInt(l.discount.amount);
    if (l.discount?.type === "percent") discount = roundPct(gross, BigInt(l.discount.rate));
    if (discount > gross) discount = gross;
    const net = gross - discount;
    const lineTax = tax.mode === "items" && l.taxable ? roundPct(net, BigInt(l.taxRate ?? 0)) : 0n;
    return { net, taxable: !!l.taxable, tax: lineTax, freight: BigInt(l.freight ?? 0) };
  });
  const subtotal = lines.reduce((s, l) => s + l.net + l.freight, 0n);
  const base = lines.filter((l) => l.taxable).reduce((s, l) => s + l.net, 0n);
  const invoiceTax =
    tax.mode === "items"
      ? lines.reduce((s, l) => s + l.tax, 0n)
      : tax.mode === "percent"
        ? roundPct(base, BigInt(tax.rate))
        : BigInt(tax.amount);
  let total = subtotal + invoiceTax + BigInt(input.shipping ?? 0) + BigInt(input.adjustment ?? 0);
  if (total < 0n) total = 0n;
  let due = total - BigInt(input.amountPaid ?? 0);
  if (due < 0n) due = 0n;
  return { subtotal: Number(subtotal), tax: Number(invoiceTax), total: Number(total), amountDue: Number(due) };
}

// ---------------------------------------------------------------------------------------------------------------
// Generators

const lineArb: fc.Arbitrary<InvoiceLineInput> = fc.record(
  {
    quantity: fc.integer({ min: 0, max: 1000 }),
    unitPrice: fc.integer({ min: 0, max: 10_000_000 }),
    discount: fc.option(
      fc.oneof(
        fc.record({ type: fc.constant("amount" as const), amount: fc.integer({ min: 0, max: 2_000_000 }) }),
        fc.record({ type: fc.constant("percent" as const), rate: fc.integer({ min: 0, max: 100000 }) }),
      ),
      { nil: undefined },
    ),
    taxRate: fc.integer({ min: 0, max: 30000 }),
    taxable: fc.boolean(),
    freight: fc.integer({ min: 0, max: 5000 }),
  },
  { requiredKeys: ["quantity", "unitPrice"] },
);

const taxArb: fc.Arbitrary<InvoiceTax> = fc.oneof(
  fc.constant({ mode: "items" as const }),
  fc.record({ mode: fc.constant("percent" as const), rate: fc.integer({ min: 1, max: 30000 }) }),
  fc.record({ mode: fc.constant("flat" as const), amount: fc.integer({ min: 0, max: 1_000_000 }) }),
);

const invoiceArb: fc.Arbitrary<InvoiceInput> = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 8 }),
  tax: taxArb,
  shipping: fc.integer({ min: 0, max: 100_000 }),
  adjustment: fc.integer({ min: -5_000_000, max: 1_000_000 }),
  amountPaid: fc.integer({ min: 0, max: 50_000_000 }),
});

// ---------------------------------------------------------------------------------------------------------------

describe("computeInvoiceTotals", () => {
  it("a 3-line invoice with a line discount, invoice-level tax percent and shipping", () => {
    const t = computeInvoiceTotals({
      lines: [
        { quantity: 2, unitPrice: 1999, taxable: true }, // 3998
        { quantity: 1, unitPrice: 4500, taxable: true, discount: { type: "percent", rate: 10000 } }, // 4500 − 450
        { quantity: 3, unitPrice: 333, taxable: false }, // 999, untaxed
      ],
      tax: { mode: "percent", rate: 8250 },
      shipping: 1000,
    });
    expect(t.lines.map((l) => l.net)).toEqual([3998, 4050, 999]);
    expect(t.itemsGross).toBe(9497);
    expect(t.discount).toBe(450);
    expect(t.subtotal).toBe(9047);
    expect(t.taxableBase).toBe(8048);
    expect(t.tax).toBe(664); // 8048 × 8.25% = 663.96
    expect(t.total).toBe(9047 + 664 + 1000);
    expect(t.amountDue).toBe(t.total);
    expect(t.lines.every((l) => l.tax === 0)).toBe(true); // invoice-level tax overrides item-level
  });

  it("item-level tax is rounded per line, not once on the sum", () => {
    // Each line: 105 × 10% = 10.5 → 11; two lines → 22, whereas 210 × 10% would be 21.
    const t = computeInvoiceTotals({
      lines: [
        { quantity: 1, unitPrice: 105, taxable: true, taxRate: 10000 },
        { quantity: 1, unitPrice: 105, taxable: true, taxRate: 10000 },
        { quantity: 1, unitPrice: 105, taxable: false, taxRate: 10000 },
      ],
    });
    expect(t.lines.map((l) => l.tax)).toEqual([11, 11, 0]);
    expect(t.lines.map((l) => l.amount)).toEqual([116, 116, 105]);
    expect(t.tax).toBe(22);
    expect(t.total).toBe(337);
  });

  it("flat invoice tax, adjustment, partial payment", () => {
    const t = computeInvoiceTotals({
      lines: [{ quantity: 1, unitPrice: 10000, taxable: true, taxRate: 5000 }],
      tax: { mode: "flat", amount: 725 },
      shipping: 500,
      adjustment: -225,
      amountPaid: 4000,
    });
    expect(t.tax).toBe(725);
    expect(t.total).toBe(11000);
    expect(t.amountDue).toBe(7000);
  });

  it("freight is part of its line and the subtotal but is neither discounted nor taxed", () => {
    const t = computeInvoiceTotals({
      lines: [
        {
          quantity: 2,
          unitPrice: 1000,
          freight: 300,
          taxable: true,
          taxRate: 10000,
          discount: { type: "percent", rate: 50000 },
        },
      ],
    });
    expect(t.lines[0]).toMatchObject({ gross: 2000, discount: 1000, net: 1000, tax: 100, freight: 300, amount: 1400 });
    expect(t.subtotal).toBe(1300);
    expect(t.taxableBase).toBe(1000);
    expect(t.total).toBe(1400);
  });

  it("discounts never take a line below zero and the total is floored at zero", () => {
    const t = computeInvoiceTotals({
      lines: [{ quantity: 1, unitPrice: 500, discount: { type: "amount", amount: 900 } }],
      adjustment: -100,
      amountPaid: 50,
    });
    expect(t.lines[0]).toMatchObject({ gross: 500, discount: 500, net: 0 });
    expect(t.total).toBe(0);
    expect(t.amountDue).toBe(0);
  });

  it("refuses non-integer money and impossible quantities", () => {
    expect(() => computeInvoiceTotals({ lines: [{ quantity: 1, unitPrice: 10.5 }] })).toThrow(RangeError);
    expect(() => computeInvoiceTotals({ lines: [{ quantity: 1.5, unitPrice: 100 }] })).toThrow(RangeError);
    expect(() => computeInvoiceTotals({ lines: [{ quantity: -1, unitPrice: 100 }] })).toThrow(RangeError);
    expect(() => computeInvoiceTotals({ lines: [], shipping: -1 })).toThrow(RangeError);
    expect(() =>
      computeInvoiceTotals({ lines: [{ quantity: 1, unitPrice: 1, discount: { type: "percent", rate: 100001 } }] }),
    ).toThrow(RangeError);
  });

  it("reads the seed's tax fields: tax_percent 0.000 means a flat tax", () => {
    expect(invoiceTaxFromGateway({ enable_tax: false, tax_percent: "8.250", tax: 100 })).toEqual({ mode: "items" });
    expect(invoiceTaxFromGateway({ enable_tax: true, tax_percent: "0.000", tax: 725 })).toEqual({
      mode: "flat",
      amount: 725,
    });
    expect(invoiceTaxFromGateway({ enable_tax: true, tax_percent: "", tax: 0 })).toEqual({ mode: "flat", amount: 0 });
    expect(invoiceTaxFromGateway({ enable_tax: true, tax_percent: "8.250", tax: 1 })).toEqual({
      mode: "percent",
      rate: 8250,
    });
  });

  it("property (10,000 random invoices): totals equal the sum of rounded parts by the written rule", () => {
    fc.assert(
      fc.property(invoiceArb, (input) => {
        const t = computeInvoiceTotals(input);
        // Plain checks gathered into one assertion per run keep 10,000 runs fast.
        const broken: string[] = [];
        const check = (ok: boolean, what: string) => {
          if (!ok) broken.push(what);
        };
        const o = oracle(input);
        check(t.subtotal === o.subtotal && t.tax === o.tax, "subtotal/tax differ from the written rule");
        check(t.total === o.total && t.amountDue === o.amountDue, "total/amount due differ from the written rule");
        // the parts add up: nothing rounded twice, nothing recomputed from a total
        check(t.subtotal === t.lines.reduce((s, l) => s + l.net + l.freight, 0), "subtotal ≠ Σ line nets + freight");
        check(t.itemsGross - t.discount === t.lines.reduce((s, l) => s + l.net, 0), "gross − discount ≠ Σ nets");
        check(t.total === Math.max(0, t.subtotal + t.tax + t.shipping + t.adjustment), "total ≠ Σ parts");
        if (input.tax?.mode === "items") check(t.tax === t.lines.reduce((s, l) => s + l.tax, 0), "tax ≠ Σ line taxes");
        for (const l of t.lines) {
          check(l.net === l.gross - l.discount && l.amount === l.net + l.tax + l.freight, "line parts don't add up");
          check(l.discount <= l.gross, "line discount exceeds the line");
        }
        // never negative, always whole cents
        const amounts = [t.subtotal, t.tax, t.total, t.amountDue, ...t.lines.flatMap((l) => [l.gross, l.net, l.tax])];
        check(
          amounts.every((v) => Number.isSafeInteger(v) && v >= 0),
          "negative or fractional amount",
        );
        check(t.amountDue <= t.total, "amount due exceeds total");
        expect(broken).toEqual([]);
      }),
      { numRuns: 10_000 },
    );
  });

  it("property (10,000 random invoices): partial payments never exceed the amount due", () => {
    // An attempt is a raw amount, or "the amount due" / "half of it" / "one cent more" at the time of paying.
    const attemptArb = fc.oneof(
      fc.integer({ min: -1000, max: 60_000_000 }),
      fc.constantFrom("due" as const, "half" as const, "over" as const),
    );
    fc.assert(
      fc.property(
        invoiceArb,
        fc.boolean(),
        fc.array(attemptArb, { minLength: 1, maxLength: 6 }),
        (input, allowPartial, attempts) => {
          const start = computeInvoiceTotals({ ...input, amountPaid: 0 });
          const broken: string[] = [];
          let paid = 0;
          for (const attempt of attempts) {
            const current = computeInvoiceTotals({ ...input, amountPaid: paid });
            const due = current.amountDue;
            const amount =
              attempt === "due"
                ? due
                : attempt === "half"
                  ? Math.floor(due / 2)
                  : attempt === "over"
                    ? due + 1
                    : attempt;
            const check = validatePayment(current, amount, allowPartial);
            const allowed = amount > 0 && amount <= due && (allowPartial || amount === due);
            if (check.ok !== allowed) broken.push(`${amount} of ${due} (partial ${allowPartial}): ok=${check.ok}`);
            if (check.ok) paid += check.amount;
          }
          if (paid > start.total) broken.push(`paid ${paid} > total ${start.total}`);
          // paying exactly what is due always works (unless nothing is due)
          const rest = computeInvoiceTotals({ ...input, amountPaid: paid });
          if (validatePayment(rest, rest.amountDue, allowPartial).ok !== rest.amountDue > 0)
            broken.push("full payment");
          expect(broken).toEqual([]);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

describe("agreement with the gateway sandbox's own invoice arithmetic", () => {
  it("property: the same totals for 5,000 random invoices (written independently from the same rule)", () => {
    fc.assert(
      fc.property(invoiceArb, (input) => {
        const mine = computeInvoiceTotals(input);
        const theirs = sandboxInvoiceTotals({
          items: input.lines.map((l) => ({
            quantity: l.quantity,
            unit_price: l.unitPrice,
            discount_type: l.discount?.type === "percent" ? ("%" as const) : ("$" as const),
            discount: l.discount ? (l.discount.type === "percent" ? l.discount.rate : l.discount.amount) : 0,
            taxable: !!l.taxable,
            tax_rate: l.taxRate ?? 0,
            freight: l.freight ?? 0,
          })),
          tax: input.tax ?? { mode: "items" },
          shipping: input.shipping ?? 0,
          adjustment: input.adjustment ?? 0,
          amount_paid: input.amountPaid ?? 0,
        });
        expect([mine.subtotal, mine.tax, mine.total, mine.amountDue, mine.lines.map((l) => l.amount)]).toEqual([
          theirs.subtotal,
          theirs.tax,
          theirs.total,
          theirs.amount_due,
          theirs.lines.map((l) => l.amount),
        ]);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("validatePayment", () => {
  const totals = { amountDue: 5000 };
  it.each([
    [5000, false, true],
    [5000, true, true],
    [2000, true, true],
    [2000, false, false],
    [5001, true, false],
    [0, true, false],
    [-100, true, false],
    [10.5, true, false],
  ])("amount %d with partial=%s → ok=%s", (amount, partial, ok) => {
    expect(validatePayment(totals, amount, partial).ok).toBe(ok);
  });

  it("explains why", () => {
    expect(validatePayment(totals, 2000, false)).toEqual({ ok: false, error: "This invoice must be paid in full." });
    expect(validatePayment(totals, 6000, true)).toEqual({
      ok: false,
      error: "The amount can't be more than the amount due.",
    });
    expect(validatePayment({ amountDue: 0 }, 100, true)).toEqual({
      ok: false,
      error: "This invoice has nothing left to pay.",
    });
  });
});

describe("computeTerminalTotals", () => {
  it("base + tax + shipping + tip + surcharge + service fee − discount", () => {
    const t = computeTerminalTotals({
      baseAmount: 10000,
      discount: 1000,
      tax: { type: "percent", rate: 8250 }, // 9000 × 8.25% = 742.5 → 743
      shipping: 500,
      tip: { type: "percent", rate: 18000 }, // 9000 × 18% = 1620
      surcharge: 300,
      serviceFee: 150,
    });
    expect(t).toEqual({
      baseAmount: 10000,
      discount: 1000,
      subtotal: 9000,
      tax: 743,
      shipping: 500,
      tip: 1620,
      surcharge: 300,
      serviceFee: 150,
      total: 9000 + 743 + 500 + 1620 + 300 + 150,
    });
  });

  it("flat amounts, a discount larger than the base, and refusal of fractions", () => {
    const t = computeTerminalTotals({ baseAmount: 500, discount: 800, tax: { type: "amount", amount: 40 } });
    expect(t.subtotal).toBe(0);
    expect(t.total).toBe(40);
    expect(() => computeTerminalTotals({ baseAmount: 12.34 })).toThrow(RangeError);
    expect(() => computeTerminalTotals({ baseAmount: 100, tip: { type: "amount", amount: -1 } })).toThrow(RangeError);
  });

  it("property: total is the exact sum of its rounded parts and never negative", () => {
    const amountOrPct = fc.option(
      fc.oneof(
        fc.record({ type: fc.constant("amount" as const), amount: fc.integer({ min: 0, max: 100_000 }) }),
        fc.record({ type: fc.constant("percent" as const), rate: fc.integer({ min: 0, max: 50_000 }) }),
      ),
      { nil: undefined },
    );
    fc.assert(
      fc.property(
        fc.record({
          baseAmount: fc.integer({ min: 0, max: 100_000_000 }),
          discount: fc.integer({ min: 0, max: 100_000_000 }),
          tax: amountOrPct,
          shipping: fc.integer({ min: 0, max: 100_000 }),
          tip: amountOrPct,
          surcharge: fc.integer({ min: 0, max: 100_000 }),
          serviceFee: fc.integer({ min: 0, max: 100_000 }),
        }),
        (input) => {
          const t = computeTerminalTotals(input);
          const sub = BigInt(Math.max(0, input.baseAmount - input.discount));
          const part = (v: typeof input.tax) =>
            !v ? 0 : v.type === "amount" ? v.amount : Number(roundPct(sub, BigInt(v.rate)));
          expect(t.subtotal).toBe(Number(sub));
          expect(t.tax).toBe(part(input.tax));
          expect(t.tip).toBe(part(input.tip));
          expect(t.total).toBe(t.subtotal + t.tax + t.shipping + t.tip + t.surcharge + t.serviceFee);
          expect(t.total).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("computeCycleAmount", () => {
  const plan = {
    amount: 2000,
    addOns: [{ id: "a1", name: "Setup", amount: 500, duration: 2 }],
    discounts: [{ id: "d1", name: "Loyalty", percentage: 10000, duration: 0 }],
  };

  it("acceptance: $20 + $5 add-on for 2 cycles − 10% forever → 2300, 2300, 1800", () => {
    expect([0, 1, 2, 3].map((ahead) => computeCycleAmount(plan, ahead).amount)).toEqual([2300, 2300, 1800, 1800]);
    const first = computeCycleAmount(plan);
    expect(first.addOns).toEqual([{ id: "a1", name: "Setup", amount: 500 }]);
    expect(first.discounts).toEqual([{ id: "d1", name: "Loyalty", amount: 200 }]);
    expect(first.totalAddOns).toBe(500);
    expect(first.totalDiscounts).toBe(200);
  });

  it("counts durations from cycles already charged, or from an adjustment's own count", () => {
    expect(computeCycleAmount({ ...plan, cyclesCharged: 1 }).amount).toBe(2300);
    expect(computeCycleAmount({ ...plan, cyclesCharged: 2 }).amount).toBe(1800);
    const lateAddOn = { ...plan, cyclesCharged: 7, addOns: [{ amount: 500, duration: 2, cyclesBilled: 1 }] };
    expect(computeCycleAmount(lateAddOn, 0).amount).toBe(2300);
    expect(computeCycleAmount(lateAddOn, 1).amount).toBe(1800);
  });

  it("percentages are of the subscription amount, rounded once each, and the amount floors at 0", () => {
    const c = computeCycleAmount({
      amount: 1999,
      addOns: [
        { percentage: 12500 }, // 249.875 → 250
        { percentage: 12500 }, // rounded separately → 250
      ],
      discounts: [{ amount: 99 }],
    });
    expect(c.totalAddOns).toBe(500);
    expect(c.amount).toBe(1999 + 500 - 99);
    expect(computeCycleAmount({ amount: 1000, discounts: [{ amount: 700 }, { percentage: 50000 }] }).amount).toBe(0);
  });

  it("attachment overrides: amount ↔ percentage switch, duration and name replace the catalog's", () => {
    const catalog = { id: "a1", name: "Support", amount: null, percentage: 10000, duration: 0 };
    expect(applyOverrides(catalog, { amount: 700 })).toEqual({ ...catalog, amount: 700, percentage: null });
    expect(applyOverrides({ ...catalog, amount: 500, percentage: null }, { percentage: 2500, duration: 3 })).toEqual({
      ...catalog,
      amount: null,
      percentage: 2500,
      duration: 3,
    });
    expect(applyOverrides(catalog, { name: "Priority support" }).name).toBe("Priority support");
    expect(applyOverrides(catalog)).toEqual(catalog);
    const plan = { amount: 2000, addOns: [applyOverrides(catalog, { amount: 700, duration: 1 })] };
    expect([0, 1].map((ahead) => computeCycleAmount(plan, ahead).amount)).toEqual([2700, 2000]);
  });

  it("refuses an adjustment with both an amount and a percentage", () => {
    expect(() => computeCycleAmount({ amount: 1000, addOns: [{ amount: 100, percentage: 10000 }] })).toThrow(
      RangeError,
    );
  });
});

describe("computeSurchargedPayment (card surcharge on invoice payments)", () => {
  it("rounds the surcharge half away from zero, once, on the invoice portion", () => {
    expect(computeSurchargedPayment(5000, "card", 3000)).toEqual({
      amount: 5000,
      surcharge: 150,
      rate: 3000,
      total: 5150,
    });
    // 1999 × 2.5% = 49.975 → 50
    expect(computeSurchargedPayment(1999, "card", 2500)).toEqual({
      amount: 1999,
      surcharge: 50,
      rate: 2500,
      total: 2049,
    });
    // 10 × 3% = 0.3 → 0: no surcharge, and no rate recorded
    expect(computeSurchargedPayment(10, "card", 3000)).toEqual({ amount: 10, surcharge: 0, rate: 0, total: 10 });
  });

  it("never surcharges ACH, and refuses a rate above the cap or a fractional amount", () => {
    expect(computeSurchargedPayment(5000, "ach", 3000)).toEqual({ amount: 5000, surcharge: 0, rate: 0, total: 5000 });
    expect(() => computeSurchargedPayment(5000, "card", MAX_SURCHARGE_RATE + 1)).toThrow(RangeError);
    expect(() => computeSurchargedPayment(10.5, "card", 1000)).toThrow();
  });

  it("property: 10,000 random payments of random invoices — the invoice portion never exceeds the amount due, the surcharge is the written rule on that portion only", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            quantity: fc.integer({ min: 0, max: 50 }),
            unitPrice: fc.integer({ min: 0, max: 500_000 }),
            taxable: fc.boolean(),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: MAX_SURCHARGE_RATE }),
        fc.constantFrom<"card" | "ach">("card", "ach"),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 6 }),
        (lines, taxRate, rate, method, wishes) => {
          let paid = 0;
          let charged = 0;
          for (const wish of wishes) {
            const totals = computeInvoiceTotals({ lines, tax: { mode: "percent", rate: taxRate }, amountPaid: paid });
            const amount = Math.min(wish, totals.amountDue);
            const check = validatePayment(totals, amount, true);
            if (!check.ok) {
              expect(totals.amountDue === 0 || amount === 0).toBe(true);
              continue;
            }
            const p = computeSurchargedPayment(check.amount, method, rate);
            const expected = method === "card" ? Number(roundPct(BigInt(check.amount), BigInt(rate))) : 0;
            expect(p.surcharge).toBe(expected);
            expect(p.total).toBe(p.amount + p.surcharge);
            expect(p.amount).toBe(check.amount);
            expect(p.surcharge).toBeGreaterThanOrEqual(0);
            // ≤ the rate's share of the portion, plus half a cent of rounding.
            expect(p.surcharge * 100_000).toBeLessThanOrEqual(check.amount * rate + 50_000);
            paid += p.amount; // amount paid counts the invoice portion only
            charged += p.total;
          }
          const final = computeInvoiceTotals({ lines, tax: { mode: "percent", rate: taxRate }, amountPaid: paid });
          expect(paid).toBeLessThanOrEqual(final.total);
          expect(charged).toBeGreaterThanOrEqual(paid);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
