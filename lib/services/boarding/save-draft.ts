import { getDb } from "@/db/client";
import { getApplication, insertApplication, updateApplication } from "@/db/queries/boarding";
import type { PartnerContext } from "@/lib/auth/guard";
import { NotFound } from "@/lib/auth/errors";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write";
import { type BoardingDraft, maskDraft } from "@/lib/validations/boarding";

/** Agents work on their own applications; admins on every application of the partner. */
export function applicationScope(ctx: PartnerContext) {
  return { partnerId: ctx.partnerId, createdBy: ctx.role === "partner_agent" ? ctx.user.id : undefined };
}

/**
 * Saves the wizard's values. SSNs and bank account numbers are masked before they are stored: the
 * full values live only in the browser until submit sends them to CoPilot.
 */
export async function saveDraft(
  ctx: PartnerContext,
  draft: BoardingDraft,
  applicationId?: string,
): Promise<{ applicationId: string }> {
  const masked = maskDraft(draft);
  const dbaName = (draft.dbaName ?? "").trim().slice(0, 100);
  const ownerEmail = draft.owners?.[0]?.email?.trim().toLowerCase() || null;
  return getDb().transaction(async (tx) => {
    if (applicationId) {
      const app = await getApplication({ ...applicationScope(ctx), applicationId, forUpdate: true }, tx);
      if (!app) throw new NotFound();
      if (app.status !== "draft" && app.status !== "submitted")
        throw new UserError("conflict", "This application was already sent for signature; it can no longer be edited.");
      await updateApplication({ partnerId: ctx.partnerId, applicationId }, { draft: masked, dbaName, ownerEmail }, tx);
      await writeAudit(tx, {
        actorUserId: ctx.user.id,
        partnerId: ctx.partnerId,
        action: "boarding.draft_saved",
        targetType: "boarding_application",
        targetId: applicationId,
      });
      return { applicationId };
    }
    const id = await insertApplication(
      {
        partnerId: ctx.partnerId,
        createdByUserId: ctx.user.id,
        dbaName,
        ownerEmail,
        draft: masked,
      },
      tx,
    );
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      partnerId: ctx.partnerId,
      action: "boarding.draft_created",
      targetType: "boarding_application",
      targetId: id,
    });
    return { applicationId: id };
  });
}
