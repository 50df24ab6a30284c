import { z } from "zod";
import { getDb } from "@/db/client";
import { getApplication, updateApplication } from "@/db/queries/boarding";
import { NotFound } from "@/lib/auth/errors";
import type { PartnerContext } from "@/lib/auth/guard";
import { signatureResponse } from "@/lib/copilot/types";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write";
import { copilotForPartner } from "@/lib/services/partners/copilot";
import { mailSignatureRequest } from "./mail";
import { applicationScope } from "./save-draft";

/** Retracts the pending signature link and issues a new one (the owner lost or ignored the first). */
export async function resendSignature(ctx: PartnerContext, applicationId: string) {
  const db = getDb();
  const app = await getApplication({ ...applicationScope(ctx), applicationId }, db);
  if (!app) throw new NotFound();
  if (app.status !== "signature_sent" || !app.copilotMerchantId)
    throw new UserError("conflict", "Only an application waiting for its signature can get a new link.");
  const { client } = await copilotForPartner(ctx.partnerId, ctx.user.id);
  await client.request("DELETE", `/merchant/${app.copilotMerchantId}/signature`, z.object({}).passthrough());
  const sig = await client.request("PUT", `/merchant/${app.copilotMerchantId}/signature`, signatureResponse);
  await db.transaction(async (tx) => {
    await updateApplication(
      { partnerId: ctx.partnerId, applicationId },
      { signatureUrl: sig.signatureUrl, signatureSentAt: new Date() },
      tx,
    );
    await mailSignatureRequest(tx, app, sig.signatureUrl);
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      partnerId: ctx.partnerId,
      action: "boarding.signature_resent",
      targetType: "boarding_application",
      targetId: applicationId,
    });
  });
  return { signatureUrl: sig.signatureUrl };
}
