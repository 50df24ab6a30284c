import { getDb } from "@/db/client";
import { reconSettings } from "@/db/schema";
import { writeAudit } from "@/lib/services/audit/write";
import { reconSettingsFor, type ReconSettingsValues } from "./run";

/** Per-merchant reconciliation settings (grace days, daily auto-close time), audited. */
export async function updateReconSettings(
  actor: { merchantId: string; userId: string },
  values: ReconSettingsValues,
): Promise<void> {
  const before = await reconSettingsFor(actor.merchantId);
  await getDb().transaction(async (tx) => {
    await tx
      .insert(reconSettings)
      .values({ merchantId: actor.merchantId, ...values })
      .onConflictDoUpdate({ target: reconSettings.merchantId, set: { ...values, updatedAt: new Date() } });
    await writeAudit(tx, {
      actorUserId: actor.userId,
      merchantId: actor.merchantId,
      action: "reconciliation.settings.updated",
      targetType: "merchant",
      targetId: actor.merchantId,
      before,
      after: values,
    });
  });
}
