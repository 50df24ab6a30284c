import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { merchants } from "@/db/schema";
import type { MerchantContext } from "@/lib/auth/guard";
import { writeAudit } from "@/lib/services/audit/write";

/**
 * The merchant's display name is the one profile field the portal owns; MID, gateway family, site and environment
 * come from boarding and the gateway account and are read-only here.
 */
export async function updateMerchantProfile(ctx: MerchantContext, input: { name: string }): Promise<void> {
  if (input.name === ctx.merchant.name) return;
  await getDb().transaction(async (tx) => {
    await tx.update(merchants).set({ name: input.name }).where(eq(merchants.id, ctx.merchant.id));
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      merchantId: ctx.merchant.id,
      partnerId: ctx.merchant.partnerId,
      action: "merchant.profile_updated",
      targetType: "merchant",
      targetId: ctx.merchant.id,
      before: { name: ctx.merchant.name },
      after: { name: input.name },
    });
  });
}
