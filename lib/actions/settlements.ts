"use server";

import { revalidatePath } from "next/cache";
import { syncMerchantBatches } from "@/lib/sync/batches";
import { syncSettlementsSchema } from "@/lib/validations/settlements";
import { merchantAction } from "./safe-action";

/** Pull the merchant's latest batches from the gateway now (the reconcile job also does it every 15 minutes). */
export const syncSettlementsAction = merchantAction("merchant:view", syncSettlementsSchema, async (ctx) => {
  const synced = await syncMerchantBatches(ctx.merchant.id);
  try {
    revalidatePath(`/m/${ctx.merchant.id}/settlements`);
  } catch {
    // Outside a Next.js request (integration tests, jobs) there is no page cache to revalidate.
  }
  return { synced };
});
