import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Application, updateApplication } from "@/db/queries/boarding";
import { memberships, merchants, users } from "@/db/schema";
import { env } from "@/lib/env";
import { writeAudit } from "@/lib/services/audit/write";
import { provisionSandboxMerchant } from "@/lib/services/merchants/provision-sandbox";
import { mailMerchantWelcome } from "./mail";

/**
 * CoPilot reported LIVE: create the portal merchant (sandbox gateway account in sandbox mode), its
 * owner user (no password) with a merchant_admin membership, and the owner's welcome email (with a
 * one-time set-password link when the owner has no password yet). Runs inside the caller's transaction, which holds the application row
 * locked, so two pollers never provision twice.
 */
export async function provisionLiveMerchant(tx: DbOrTx, app: Application, actorUserId: string | null) {
  if (app.merchantId) return app.merchantId;
  const ownerEmail = (app.ownerEmail ?? "").toLowerCase();
  const draft = app.draft as { owners?: { firstName?: string; lastName?: string }[] };
  const ownerName = [draft.owners?.[0]?.firstName, draft.owners?.[0]?.lastName].filter(Boolean).join(" ") || ownerEmail;

  const [m] = await tx
    .insert(merchants)
    .values({
      partnerId: app.partnerId,
      name: app.dbaName || "New merchant",
      gateway: app.gateway,
      environment: env().sandboxEnabled ? "sandbox" : "production",
      mid: app.mid,
      status: "live",
    })
    .returning({ id: merchants.id });
  const merchantId = m!.id;
  if (env().sandboxEnabled) {
    // The sandbox gateway issues its own merchant id; that one routes webhooks and API calls, so it is
    // the merchant's `mid`. CoPilot's front-end MID stays on the application (docs/decisions.md).
    const p = await provisionSandboxMerchant({ id: merchantId, name: app.dbaName, gateway: app.gateway });
    await tx
      .update(merchants)
      .set({ mid: p.mid, site: p.site, credentialsEnc: p.credentialsEnc })
      .where(eq(merchants.id, merchantId));
  }

  let [owner] = await tx
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, ownerEmail));
  if (!owner) {
    [owner] = await tx
      .insert(users)
      .values({ email: ownerEmail, name: ownerName })
      .returning({ id: users.id, passwordHash: users.passwordHash });
  }
  await tx.insert(memberships).values({ userId: owner!.id, merchantId, role: "merchant_admin" }).onConflictDoNothing();

  // The owner's set-password link (when needed) goes to the owner's address only (lib/services/boarding/mail.ts).
  await mailMerchantWelcome(tx, {
    app,
    merchantId,
    owner: { id: owner!.id, hasPassword: !!owner!.passwordHash },
  });
  await updateApplication(
    { partnerId: app.partnerId, applicationId: app.id },
    { merchantId, provisionedAt: new Date() },
    tx,
  );
  await writeAudit(tx, {
    actorUserId,
    actorLabel: actorUserId ? null : "system:boarding",
    partnerId: app.partnerId,
    merchantId,
    action: "boarding.merchant_provisioned",
    targetType: "merchant",
    targetId: merchantId,
    after: {
      applicationId: app.id,
      copilotMid: app.mid,
      ownerUserId: owner!.id,
      welcomeMailed: true,
      ownerHasPassword: !!owner!.passwordHash,
    },
  });
  return merchantId;
}
