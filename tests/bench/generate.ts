import type { Transaction } from "@/lib/gateway/types";
import { seededRandom } from "@/lib/seeded-random";
import { makeTransaction, visaCard } from "@/tests/fixtures/transactions";

/** Deterministic pseudo-random transactions for benchmarks (mulberry32). */
export const rng = seededRandom;

const BRANDS = ["visa", "mastercard", "amex", "discover"] as const;
const FIRST_SIX: Record<(typeof BRANDS)[number], string> = {
  visa: "411111",
  mastercard: "555555",
  amex: "378282",
  discover: "601111",
};
const DECLINES = ["Insufficient funds", "Do not honor", "Expired card", "Lost card"];

/** Transaction `i` of a merchant, created within the last `days` days before `now`. */
export function benchTransaction(i: number, rand: () => number, now: number, days: number): Transaction {
  const brand = BRANDS[Math.floor(rand() * BRANDS.length)] ?? "visa";
  const declined = rand() < 0.08;
  const refund = !declined && rand() < 0.03;
  const amount = 100 + Math.floor(rand() * 50_000);
  const created = new Date(now - Math.floor(rand() * days * 86_400_000));
  const settled = !declined && created.getTime() < now - 2 * 86_400_000;
  const lastFour = String(1000 + Math.floor(rand() * 9000));
  return makeTransaction({
    id: `bench${i.toString(36).padStart(10, "0")}`,
    type: refund ? "refund" : "sale",
    status: declined ? "declined" : settled ? "settled" : "pending_settlement",
    approved: !declined,
    amount,
    authorizedAmount: declined ? 0 : amount,
    capturedAmount: declined ? 0 : amount,
    settledAmount: settled ? amount : 0,
    paymentMethod: {
      ...visaCard,
      brand,
      maskedNumber: `${FIRST_SIX[brand]}******${lastFour}`,
      firstSix: FIRST_SIX[brand],
      lastFour,
      entryType: rand() < 0.7 ? "keyed" : "swiped",
    },
    responseCode: declined ? 202 : 100,
    responseText: declined ? (DECLINES[Math.floor(rand() * DECLINES.length)] ?? "Declined") : "Approved",
    authCode: declined ? null : "ABC123",
    processorResponseCode: null,
    orderId: `ORD${i}`,
    customerId: rand() < 0.3 ? `cus${Math.floor(rand() * 5000)}` : null,
    batchId: settled ? `batch${Math.floor(created.getTime() / 86_400_000)}` : null,
    createdAt: created.toISOString(),
    updatedAt: created.toISOString(),
    settledAt: settled ? created.toISOString() : null,
  });
}
