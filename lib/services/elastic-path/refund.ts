import "server-only";
import { getTransactionChannel, listElasticPathStores } from "@/db/queries/elastic-path";
import type { CardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import { elasticPathPaymentReference } from "@/lib/gateway/cardpointe/transform";
import { NotFound } from "@/lib/gateway/errors";
import type { RefundResult, Transaction } from "@/lib/gateway/types";
import { elasticPathClientForStore } from "./stores";

/**
 * A refund of a storefront payment goes through Elastic Path (seed 004 `method: refund`), so the order knows it was
 * refunded; Elastic Path refunds the order's CardPointe sale, and the portal then re-reads the order's records from
 * CardPointe (`inquireByOrderid`). Null when the transaction is not a storefront payment the portal can route (then
 * the caller refunds at CardPointe directly).
 */
/** Routes a storefront call (capture or refund) to the store that owns the order; false when none does. */
async function onOwningStore(
  merchantId: string,
  orderId: string,
  call: (client: Awaited<ReturnType<typeof elasticPathClientForStore>>["client"]) => Promise<unknown>,
): Promise<boolean> {
  // The order belongs to one of the merchant's stores; a store that does not own it answers "order not found".
  for (const store of await listElasticPathStores({ merchantId })) {
    const { client } = await elasticPathClientForStore(merchantId, store.id);
    try {
      await call(client);
      return true;
    } catch (err) {
      if (err instanceof NotFound) continue;
      throw err;
    }
  }
  return false;
}

async function storefrontPayment(merchantId: string, t: Transaction): Promise<string | null> {
  if (!t.orderId || !t.customerId || !t.customerPaymentMethodId) return null;
  if ((await getTransactionChannel({ merchantId, transactionId: t.id })) !== "storefront") return null;
  return elasticPathPaymentReference(t.customerId, t.customerPaymentMethodId);
}

/**
 * Capture of a storefront authorization through Elastic Path (`method: capture`), so the order is charged there too;
 * the capture is then re-read from CardPointe. Null when not a storefront payment (capture at CardPointe instead).
 */
export async function captureThroughStorefront(
  merchantId: string,
  gateway: CardPointeAdapter,
  before: Transaction,
  amount: number,
): Promise<Transaction | null> {
  const payment = await storefrontPayment(merchantId, before);
  if (!payment || !before.orderId) return null;
  const orderId = before.orderId;
  const done = await onOwningStore(merchantId, orderId, (c) => c.pay(orderId, { method: "capture", payment, amount }));
  return done ? gateway.transactions.get(before.id) : null;
}

export async function refundThroughStorefront(
  merchantId: string,
  gateway: CardPointeAdapter,
  before: Transaction,
  amount: number,
): Promise<RefundResult | null> {
  if (!before.orderId || !before.customerId || !before.customerPaymentMethodId) return null;
  if ((await getTransactionChannel({ merchantId, transactionId: before.id })) !== "storefront") return null;
  const payment = elasticPathPaymentReference(before.customerId, before.customerPaymentMethodId);
  const known = new Set((await gateway.inquireByOrderid(before.orderId)).map((t) => t.id));
  // The order belongs to one of the merchant's stores; a store that does not own it answers "order not found".
  for (const store of await listElasticPathStores({ merchantId })) {
    const { client } = await elasticPathClientForStore(merchantId, store.id);
    try {
      await client.pay(before.orderId, { method: "refund", payment, amount });
    } catch (err) {
      if (err instanceof NotFound) continue;
      throw err;
    }
    const records = await gateway.inquireByOrderid(before.orderId);
    const original = records.find((t) => t.id === before.id) ?? (await gateway.transactions.get(before.id));
    const refund =
      records.find((t) => !known.has(t.id) && (t.type === "refund" || t.referencedTransactionId === before.id)) ?? null;
    return { original, refund };
  }
  return null;
}
