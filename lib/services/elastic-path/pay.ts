import "server-only";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { UserError, fieldError } from "@/lib/errors";
import { isCardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import { elasticPathPaymentReference } from "@/lib/gateway/cardpointe/transform";
import type { Transaction } from "@/lib/gateway/types";
import { decimalStringToCents } from "@/lib/money";
import { getDb } from "@/db/client";
import { writeAudit } from "@/lib/services/audit/write";
import { upsertTransactions } from "@/lib/sync/transactions";
import type { Actor } from "@/lib/services/transactions/fetch";
import type { PayStorefrontOrderInput } from "@/lib/validations/elastic-path";
import { elasticPathClientForStore } from "./stores";

/**
 * Pay an Elastic Path order with a vault customer's CardPointe profile (seed 004: `payment` = account_id|profile_id):
 * Elastic Path charges CardPointe with the order id as `orderid`, so the portal then reads that order's records
 * from CardPointe (`inquireByOrderid`, documented) and caches them with channel "storefront" — in the same database
 * transaction as the audit row. A second submit of the same order is refused by Elastic Path (already paid).
 */
export async function payStorefrontOrder(input: {
  merchantId: string;
  actor: Actor;
  order: Omit<PayStorefrontOrderInput, "merchantId">;
}): Promise<{ orderId: string; transactions: Transaction[]; paymentId: string; amount: number }> {
  const { order } = input;
  const gateway = await gatewayForMerchant(input.merchantId);
  if (!isCardPointeAdapter(gateway)) {
    throw new UserError(
      "invalid",
      "Storefront payments charge CardPointe profiles: this merchant is not on CardPointe.",
    );
  }
  let reference: string;
  try {
    reference = elasticPathPaymentReference(order.customerId, order.paymentMethodId);
  } catch {
    throw fieldError("paymentMethodId", "This payment method cannot be used by a storefront.");
  }
  const { client } = await elasticPathClientForStore(input.merchantId, order.storeId);
  const amount = order.amount ? decimalStringToCents(order.amount) : undefined;
  const payment = await client.pay(order.orderId, { method: order.method, payment: reference, amount });
  const records = await gateway.inquireByOrderid(order.orderId);
  await storeStorefrontRecords(input.merchantId, records, {
    actor: input.actor,
    action: "storefront.payment",
    targetId: order.orderId,
    after: { storeId: order.storeId, method: order.method, amount: payment.amount, elasticPathTransaction: payment.id },
  });
  return { orderId: order.orderId, transactions: records, paymentId: payment.id, amount: payment.amount };
}

/** Caches an order's CardPointe records as storefront payments, with the audit row, in one transaction. */
export async function storeStorefrontRecords(
  merchantId: string,
  records: Transaction[],
  audit: { actor: Actor; action: string; targetId: string; after?: unknown },
): Promise<void> {
  await getDb().transaction(async (tx) => {
    await upsertTransactions(tx, merchantId, records, new Date(), { channel: "storefront" });
    await writeAudit(tx, {
      actorUserId: audit.actor.userId,
      merchantId,
      action: audit.action,
      targetType: "order",
      targetId: audit.targetId,
      after: audit.after,
    });
  });
}
