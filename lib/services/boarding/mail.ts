import { createHash } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import type { Application } from "@/db/queries/boarding";
import { getPartnerName } from "@/db/queries/partners";
import { appLink, enqueueMail } from "@/lib/services/mail/send";
import { issuePasswordToken } from "@/lib/services/users/password-tokens";

/**
 * Boarding's emails to the business owner: the e-signature request (CoPilot generates the link; the portal delivers
 * it to the owner's address) and the welcome once the merchant is live. The welcome's set-password link goes only
 * to the owner's email — the partner's status page says it was sent, never what it says.
 */

function ownerOf(app: Pick<Application, "draft" | "ownerEmail">) {
  const draft = app.draft as { owners?: { firstName?: string; lastName?: string }[] };
  const email = (app.ownerEmail ?? "").toLowerCase();
  const name = [draft.owners?.[0]?.firstName, draft.owners?.[0]?.lastName].filter(Boolean).join(" ") || email;
  return { email, name };
}

export async function mailSignatureRequest(db: DbOrTx, app: Application, signatureUrl: string): Promise<void> {
  const owner = ownerOf(app);
  if (!owner.email) return;
  const urlKey = createHash("sha256").update(signatureUrl).digest("hex").slice(0, 32);
  await enqueueMail(
    {
      template: "esign-request",
      to: owner.email,
      reference: app.id,
      idempotencyKey: `esign-request:${app.id}:${urlKey}`,
      props: {
        ownerName: owner.name,
        dbaName: app.dbaName,
        partnerName: (await getPartnerName({ partnerId: app.partnerId }, db)) ?? "Your payments partner",
        signatureUrl,
      },
    },
    db,
  );
}

/**
 * The owner's welcome: a one-time set-password link (24 hours) when the account has no password yet, otherwise a
 * plain "sign in" — an owner who already uses the portal keeps their password.
 */
export async function mailMerchantWelcome(
  tx: DbOrTx,
  p: { app: Application; merchantId: string; owner: { id: string; hasPassword: boolean } },
): Promise<void> {
  const owner = ownerOf(p.app);
  let link: { url: string; expiresAt: string } | null = null;
  if (!p.owner.hasPassword) {
    const t = await issuePasswordToken(tx, { userId: p.owner.id, purpose: "set_password" });
    link = { url: appLink(`/set-password/${t.token}`), expiresAt: t.expiresAt.toISOString() };
  }
  await enqueueMail(
    {
      template: "merchant-welcome",
      to: owner.email,
      merchantId: p.merchantId,
      userId: p.owner.id,
      reference: p.app.id,
      idempotencyKey: `merchant-welcome:${p.app.id}`,
      props: {
        ownerName: owner.name,
        dbaName: p.app.dbaName,
        setPasswordUrl: link?.url ?? null,
        expiresAt: link?.expiresAt ?? null,
        signInUrl: appLink("/login"),
        forgotPasswordUrl: appLink("/forgot-password"),
      },
    },
    tx,
  );
}
