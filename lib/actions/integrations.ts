"use server";

import { revalidatePath } from "next/cache";
import { merchantAction } from "@/lib/actions/safe-action";
import {
  testMerchantConnections,
  updateCardPointeConnection,
  updateFluidPayKeys,
  updateGiftCardStore,
} from "@/lib/services/settings/integrations";
import {
  cardpointeConnectionSchema,
  fluidpayKeysSchema,
  giftCardStoreSchema,
  merchantRefSchema,
} from "@/lib/validations/integrations";

/** Settings → Integrations: test every connection; switch or rotate the CardPointe connection (admins). */

export const testConnectionsAction = merchantAction("settings:manage", merchantRefSchema, async (ctx) => {
  return { results: await testMerchantConnections(ctx) };
});

export const updateCardPointeConnectionAction = merchantAction(
  "settings:manage",
  cardpointeConnectionSchema,
  async (ctx, input) => {
    const { merchantId: _, ...rest } = input;
    const results = await updateCardPointeConnection(ctx, rest);
    try {
      revalidatePath(`/m/${ctx.merchant.id}`, "layout");
    } catch {
      // Outside a Next.js request there is no page cache.
    }
    return { results, environment: rest.environment };
  },
);

export const updateFluidPayKeysAction = merchantAction("settings:manage", fluidpayKeysSchema, async (ctx, input) => {
  const { merchantId: _, ...rest } = input;
  return { results: await updateFluidPayKeys(ctx, rest), environment: rest.environment };
});

export const updateGiftCardStoreAction = merchantAction("settings:manage", giftCardStoreSchema, async (ctx, input) => {
  const { merchantId: _, ...rest } = input;
  return { results: await updateGiftCardStore(ctx, rest) };
});
