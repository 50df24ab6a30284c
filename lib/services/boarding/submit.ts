import { z } from "zod";
import { getDb } from "@/db/client";
import { getApplication, updateApplication } from "@/db/queries/boarding";
import { NotFound } from "@/lib/auth/errors";
import type { PartnerContext } from "@/lib/auth/guard";
import { createMerchantResponse, signatureResponse } from "@/lib/copilot/types";
import { toCoPilotMerchant } from "@/lib/copilot/transform";
import { UserError } from "@/lib/errors";
import { log } from "@/lib/log";
import { withLease } from "@/lib/services/leases";
import { writeAudit } from "@/lib/services/audit/write";
import { copilotForPartner } from "@/lib/services/partners/copilot";
import type { BoardingSubmission } from "@/lib/validations/boarding";
import { applicationScope, saveDraft } from "./save-draft";
import { catalogPrice } from "./equipment";
import { mailSignatureRequest } from "./mail";

const orderResponse = z.object({ orderId: z.union([z.string(), z.number()]).transform(String) });

/**
 * Submits the application to CoPilot (create, or update when an earlier submit created it but the
 * signature step failed), places the equipment orders and requests the e-signature link. The masked
 * draft is saved first, so a refusal by CoPilot loses nothing the portal may keep.
 */
export async function submitApplication(ctx: PartnerContext, d: BoardingSubmission, applicationId?: string) {
  const { applicationId: id } = await saveDraft(ctx, d as never, applicationId);
  // One submission of an application at a time (two tabs, a double click): the second sees what the first did.
  return withLease(`boarding-submit:${ctx.partnerId}:${id}`, () => submitSaved(ctx, d, id), {
    busyMessage: "This application is being sent already. Wait a moment and reload the page.",
  });
}

async function submitSaved(ctx: PartnerContext, d: BoardingSubmission, id: string) {
  const db = getDb();
  const app = await getApplication({ ...applicationScope(ctx), applicationId: id }, db);
  if (!app) throw new NotFound();
  if (app.status !== "draft" && app.status !== "submitted")
    throw new UserError("conflict", "This application was already sent for signature.");
  const { client } = await copilotForPartner(ctx.partnerId, ctx.user.id);
  const body = toCoPilotMerchant(d, client.templateId);
  const ref = { partnerId: ctx.partnerId, applicationId: id };
  const audit = (action: string, after?: unknown) =>
    writeAudit(db, {
      actorUserId: ctx.user.id,
      partnerId: ctx.partnerId,
      action,
      targetType: "boarding_application",
      targetId: id,
      after,
    });

  let copilotId = app.copilotMerchantId;
  if (!copilotId) {
    copilotId = (await client.request("POST", "/merchant", createMerchantResponse, body)).merchantId;
    await updateApplication(
      ref,
      {
        status: "submitted",
        copilotMerchantId: copilotId,
        submittedAt: new Date(),
        gateway: d.gateway,
      },
      db,
    );
    await audit("boarding.submitted", { copilotMerchantId: copilotId });
    for (const line of d.equipment) {
      const price = await catalogPrice(client, line.equipmentId);
      const order = await client.request("POST", "/order", orderResponse, {
        order: {
          merchantId: Number(copilotId),
          equipmentId: line.equipmentId,
          quantity: line.quantity,
          unitPrice: price.unitPrice,
          monthlyPrice: price.monthlyPrice,
          billToCd: "CUST",
          billingFrequencyCd: "ONETIME",
        },
      });
      await audit("boarding.equipment_ordered", { orderId: order.orderId, ...line });
    }
  } else {
    const { templateId: _t, ...update } = body;
    await client.request("PUT", `/merchant/${copilotId}`, z.object({}).passthrough(), update);
    await audit("boarding.updated", { copilotMerchantId: copilotId });
  }
  const sig = await client.request("PUT", `/merchant/${copilotId}/signature`, signatureResponse);
  await db.transaction(async (tx) => {
    await updateApplication(
      ref,
      {
        status: "signature_sent",
        signatureUrl: sig.signatureUrl,
        signatureSentAt: new Date(),
      },
      tx,
    );
    await mailSignatureRequest(tx, { ...app, copilotMerchantId: copilotId }, sig.signatureUrl);
  });
  await audit("boarding.signature_sent", { copilotMerchantId: copilotId });
  log().info({ partnerId: ctx.partnerId, applicationId: id, copilotId }, "boarding application sent for signature");
  return { applicationId: id, signatureUrl: sig.signatureUrl };
}
