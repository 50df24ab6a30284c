import fc from "fast-check";
import { expect, test } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { card, setup, type Txn } from "./helpers";

const env = openForFile(() => setup("lifecycle-property"));

const op = fc.oneof(
  fc.record({
    kind: fc.constant("capture" as const),
    amount: fc.option(fc.integer({ min: 1, max: 1500 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant("void" as const) }),
  fc.record({ kind: fc.constant("settle" as const) }),
  fc.record({
    kind: fc.constant("refund" as const),
    amount: fc.option(fc.integer({ min: 1, max: 1500 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant("void-last-refund" as const) }),
);

async function get(id: string): Promise<Txn> {
  return ((await env.api("GET", `/api/transaction/${id}`)).json.data as Txn[])[0] as Txn;
}

test("property: random capture/void/refund/settle sequences never refund more than settled", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom("sale", "authorize"),
      fc.integer({ min: 1, max: 1200 }),
      fc.array(op, { minLength: 1, maxLength: 8 }),
      fc.boolean(),
      async (type, amount, ops, concurrent) => {
        const created = await env.api("POST", "/api/transaction", { type, amount, payment_method: card() });
        const id = (created.json.data as Txn).id;
        const refundIds: string[] = [];
        const run = async (o: (typeof ops)[number]) => {
          if (o.kind === "capture") return env.api("POST", `/api/transaction/${id}/capture`, { amount: o.amount });
          if (o.kind === "void") return env.api("POST", `/api/transaction/${id}/void`);
          if (o.kind === "settle") return env.api("POST", "/_control/settle");
          if (o.kind === "void-last-refund") {
            const last = refundIds.at(-1);
            return last ? env.api("POST", `/api/transaction/${last}/void`) : undefined;
          }
          const r = await env.api("POST", `/api/transaction/${id}/refund`, o.amount ? { amount: o.amount } : {});
          if (r.status === 200) refundIds.push((r.json.data as Txn).id);
          return r;
        };
        if (concurrent) await Promise.all(ops.map(run));
        else for (const o of ops) await run(o);
        const t = await get(id);
        // Invariants: refunds ≤ settled ≤ captured ≤ authorized, and live refund rows sum to amount_refunded.
        expect(t.amount_refunded).toBeLessThanOrEqual(t.amount_settled as number);
        expect(t.amount_settled).toBeLessThanOrEqual(t.amount_captured as number);
        expect(t.amount_captured).toBeLessThanOrEqual(Math.max(t.amount_authorized as number, amount));
        const refunds = await Promise.all(refundIds.map(get));
        const live = refunds.filter((r) => r.status !== "voided" && r.status !== "declined");
        expect(live.reduce((s, r) => s + (r.amount as number), 0)).toBe(t.amount_refunded);
        if ((t.amount_refunded as number) > 0) {
          expect(["partially_refunded", "refunded"]).toContain(t.status);
        }
      },
    ),
    { numRuns: 25 },
  );
});
