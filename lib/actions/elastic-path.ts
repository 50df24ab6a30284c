"use server";

import { revalidatePath } from "next/cache";
import { merchantAction } from "@/lib/actions/safe-action";
import { payStorefrontOrder } from "@/lib/services/elastic-path/pay";
import { connectElasticPathStore, testElasticPathStore } from "@/lib/services/elastic-path/stores";
import { connectStoreSchema, payStorefrontOrderSchema, storeRefSchema } from "@/lib/validations/elastic-path";

/** Elastic Path (seed 004): connect a store (admins), test it, pay a storefront order by a vault profile. */

function refresh(path: string) {
  try {
    revalidatePath(path);
  } catch {
    // Outside a Next.js request (integration tests) there is no page cache to revalidate.
  }
}

export const connectElasticPathStoreAction = merchantAction(
  "settings:manage",
  connectStoreSchema,
  async (ctx, input) => {
    const { merchantId: _, ...rest } = input;
    const r = await connectElasticPathStore(ctx, rest);
    refresh(`/m/${ctx.merchant.id}/settings/integrations`);
    return { storeId: r.storeId, answer: r.test.answer };
  },
);

export const testElasticPathStoreAction = merchantAction("settings:manage", storeRefSchema, async (ctx, input) => {
  return testElasticPathStore(ctx, input.storeId);
});

export const payStorefrontOrderAction = merchantAction(
  "transactions:charge",
  payStorefrontOrderSchema,
  async (ctx, input) => {
    const { merchantId: _, ...order } = input;
    const r = await payStorefrontOrder({
      merchantId: ctx.merchant.id,
      actor: { userId: ctx.user.id, role: ctx.role },
      order,
    });
    refresh(`/m/${ctx.merchant.id}/transactions`);
    return {
      orderId: r.orderId,
      amount: r.amount,
      transactionIds: r.transactions.map((t) => t.id),
    };
  },
);
