import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { merchants } from "@/db/schema";
import type { MerchantContext } from "@/lib/auth/guard";
import { writeAudit } from "@/lib/services/audit/write";
import type { UpdateProfileInput } from "@/lib/validations/settings";

/**
 * The profile fields the portal owns: the display name and the branding of the emails sent in the merchant's name
 * (accent colour, logo URL, Reply-To address). MID, gateway family, site and environment come from boarding and the
 * gateway account and are read-only here.
 */
export async function updateMerchantProfile(
  ctx: MerchantContext,
  input: Omit<UpdateProfileInput, "merchantId">,
): Promise<void> {
  const m = ctx.merchant;
  const before = { name: m.name, brandColor: m.brandColor, logoUrl: m.logoUrl, supportEmail: m.supportEmail };
  const after = {
    name: input.name,
    brandColor: input.brandColor ?? null,
    logoUrl: input.logoUrl ?? null,
    supportEmail: input.supportEmail ?? null,
  };
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
  if (changed.length === 0) return;
  await getDb().transaction(async (tx) => {
    await tx.update(merchants).set(after).where(eq(merchants.id, m.id));
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      merchantId: m.id,
      partnerId: m.partnerId,
      action: "merchant.profile_updated",
      targetType: "merchant",
      targetId: m.id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
  });
}
