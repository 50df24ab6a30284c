import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect } from "vitest";
import { InvalidRequest } from "@/lib/gateway/errors";
import type { TransactionStatus } from "@/lib/gateway/types";
import { CARD, connect, futureExpiry, type Target } from "./targets";

/**
 * Random capture / void / settle / refund sequences through the adapter, checked against a small model of the
 * documented lifecycle: what the adapter reports (status and the four amounts) must match the model after every
 * step, a refused step must surface as InvalidRequest, and nothing is ever refunded beyond what settled.
 */

type Op =
  { kind: "capture"; amount: number } | { kind: "void" } | { kind: "settle" } | { kind: "refund"; amount: number };

interface Model {
  status: TransactionStatus;
  authorized: number;
  captured: number;
  settled: number;
  refunded: number;
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("capture" as const), amount: fc.integer({ min: 1, max: 6000 }) }),
  fc.constant({ kind: "void" as const }),
  fc.constant({ kind: "settle" as const }),
  fc.record({ kind: fc.constant("refund" as const), amount: fc.integer({ min: 1, max: 5000 }) }),
);

/** The model's answer: the next state, or null when the gateway must refuse the step. */
function step(m: Model, op: Op): Model | null {
  switch (op.kind) {
    case "capture":
      if (m.status !== "authorized" || op.amount > m.authorized) return null;
      return { ...m, status: "pending_settlement", captured: op.amount };
    case "void":
      if (m.status !== "authorized" && m.status !== "pending_settlement") return null;
      return { ...m, status: "voided" };
    case "settle":
      return m.status === "pending_settlement" ? { ...m, status: "settled", settled: m.captured } : m;
    case "refund": {
      if (m.status !== "settled" && m.status !== "partially_refunded") return null;
      if (op.amount > m.settled - m.refunded) return null;
      const refunded = m.refunded + op.amount;
      return { ...m, refunded, status: refunded === m.settled ? "refunded" : "partially_refunded" };
    }
  }
}

export function lifecycleSuite(target: Target): void {
  describe(`FluidPay adapter · lifecycle property · ${target.name}`, () => {
    // Needs forced batch closes, so it runs where the control plane exists.
    const { ctx, sandboxOnly } = connect(target);

    sandboxOnly(
      "random capture/void/settle/refund sequences follow the lifecycle and never refund more than settled",
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.boolean(),
            fc.integer({ min: 100, max: 5000 }),
            fc.array(opArb, { minLength: 1, maxLength: 6 }),
            async (authorizeFirst, amount, ops) => {
              const t = await ctx.adapter.transactions.create({
                type: authorizeFirst ? "authorize" : "sale",
                amount,
                idempotencyKey: randomUUID(),
                source: { kind: "card", number: CARD.approve, expiration: futureExpiry() },
              });
              let model: Model = {
                status: t.status,
                authorized: amount,
                captured: authorizeFirst ? 0 : amount,
                settled: 0,
                refunded: 0,
              };
              expect(t.status).toBe(authorizeFirst ? "authorized" : "pending_settlement");
              for (const op of ops) {
                const next = step(model, op);
                let outcome: unknown = null;
                try {
                  if (op.kind === "capture") await ctx.adapter.transactions.capture(t.id, { amount: op.amount });
                  else if (op.kind === "void") await ctx.adapter.transactions.void(t.id);
                  else if (op.kind === "settle") await ctx.control!.settle();
                  else await ctx.adapter.transactions.refund(t.id, { amount: op.amount });
                } catch (err) {
                  outcome = err;
                }
                if (next === null) expect(outcome, `${op.kind} should be refused`).toBeInstanceOf(InvalidRequest);
                else expect(outcome, `${op.kind} should succeed`).toBeNull();
                model = next ?? model;
                const seen = await ctx.adapter.transactions.get(t.id);
                expect({
                  status: seen.status,
                  captured: seen.capturedAmount,
                  settled: seen.settledAmount,
                  refunded: seen.refundedAmount,
                }).toEqual({
                  status: model.status,
                  captured: model.captured,
                  settled: model.settled,
                  refunded: model.refunded,
                });
                expect(seen.refundedAmount).toBeLessThanOrEqual(seen.settledAmount);
              }
            },
          ),
          {
            numRuns: 12,
            // Always cover the full path once, whatever the random draw: settle, two partial refunds, void refused.
            examples: [
              [
                false,
                4250,
                [
                  { kind: "settle" },
                  { kind: "refund", amount: 1000 },
                  { kind: "refund", amount: 3251 },
                  { kind: "refund", amount: 3250 },
                  { kind: "void" },
                ],
              ],
              [true, 3000, [{ kind: "capture", amount: 3001 }, { kind: "capture", amount: 2000 }, { kind: "settle" }]],
            ],
          },
        );
      },
      60_000,
    );
  });
}
