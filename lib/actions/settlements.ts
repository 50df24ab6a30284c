"use server";

import { syncMerchantBatches } from "@/lib/sync/batches";
import { syncSettlementsSchema } from "@/lib/validations/settlements";
import { merchantAction, revalidate } from "./safe-action";

/** Pull the merchant's latest batches from the gateway now (the reconcile job also does it every 15 minutes). */
export const syncSettlementsAction = merchantAction("merchant:view", syncSettlementsSchema, async (ctx) => {
  const synced = await syncMerchantBatches(ctx.merchant.id);
  revalidate(`/m/${ctx.merchant.id}/settlements`);
  return { synced };
});
