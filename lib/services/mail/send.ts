/**
 * # Sending email: `enqueueMail`
 *
 * The one way product code sends an email. It renders a template (lib/mail/templates, React components with a
 * plain-text part) in the merchant's branding, writes the message to the delivery log (`mail_messages`, rendered
 * content sealed) and queues its pg-boss job — both in the caller's transaction when one is passed, so an action
 * that rolls back sends nothing and one that commits always delivers. The request never talks to SMTP: the
 * `mail-send` job (queued by ./queue.ts, run by lib/jobs/mail.ts) delivers over SMTP_URL with retries and backoff,
 * recording every attempt and the server's answer. A request therefore never fails because the mail server is down.
 *
 * ```ts
 * import { enqueueMail } from "@/lib/services/mail/send";
 *
 * await enqueueMail(
 *   {
 *     template: "payment-receipt",              // a key of TEMPLATES; `props` is typed by it
 *     to: customer.email,
 *     merchantId,                                // brand (name, logo, colour, Reply-To) and "Sent messages" owner;
 *                                                // null for portal account mail (resets, new-device notices)
 *     props: { amountPaid: "$12.00", ... },      // every link absolute: build them with appLink("/path")
 *     idempotencyKey: `receipt:${merchantId}:${transactionId}`, // the same key never sends twice
 *     reference: invoiceId,                      // optional: lists the message with its record
 *     userId,                                    // optional: the account the message is addressed to
 *   },
 *   tx,                                          // optional: the caller's transaction
 * );
 * ```
 *
 * Rules: a template that carries a credential (a set-password, reset or magic link) is sent only to the address of
 * the account it acts on — never to a person who asked for it on someone else's behalf — and its link is single-use,
 * short-lived and stored only as a hash. The body is never shown in the portal; "Sent messages" lists subject,
 * recipient, status and time. Keep card numbers out of props (masked brand + last four only).
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { getMailBrand } from "@/db/queries/mail";
import { mailMessages } from "@/db/schema";
import { seal } from "@/lib/crypto/keys";
import { env } from "@/lib/env";
import { mailFrom, messageIdDomain } from "@/lib/mail/config";
import { renderMail } from "@/lib/mail/render";
import { type Brand, type TemplateName, type TemplateProps } from "@/lib/mail/templates";
import { PORTAL_BRAND_COLOR } from "@/lib/mail/templates/layout";
import { enqueueMailJob } from "./queue";
import { MAIL_SEAL_PURPOSE, mailPayloadBinding } from "./sealing";

export { appLink } from "@/lib/mail/config";
export type { TemplateName, TemplateProps } from "@/lib/mail/templates";

export interface MailRequest<N extends TemplateName> {
  template: N;
  to: string;
  merchantId?: string | null;
  props: TemplateProps<N>;
  /** Same key → same message: a retried action or a double click enqueues it once. */
  idempotencyKey: string;
  userId?: string | null;
  reference?: string | null;
}

export interface SealedPayload {
  from: string;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  messageIdHeader: string;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

async function brandFor(db: DbOrTx, merchantId: string | null | undefined) {
  const appUrl = env().appUrl;
  if (!merchantId) {
    return { brand: { name: "Merchant Portal", color: PORTAL_BRAND_COLOR, logoUrl: null, appUrl }, replyTo: null };
  }
  const m = await getMailBrand({ merchantId }, db);
  if (!m) throw new Error(`enqueueMail: merchant ${merchantId} not found`);
  const brand: Brand = {
    name: m.name,
    color: m.brandColor && HEX.test(m.brandColor) ? m.brandColor : PORTAL_BRAND_COLOR,
    logoUrl: m.logoUrl?.startsWith("https://") ? m.logoUrl : null,
    appUrl,
  };
  return { brand, replyTo: m.supportEmail };
}

/** The sender in the merchant's name: `"Acme Coffee via Merchant Portal" <no-reply@…>`. */
function fromFor(brand: Brand, merchant: boolean): string {
  const base = mailFrom();
  if (!merchant) return base;
  const address = /<([^>]+)>\s*$/.exec(base)?.[1] ?? base.trim();
  const name = `${brand.name} via Merchant Portal`.replace(/["\\\r\n]/g, "");
  return `"${name}" <${address}>`;
}

/**
 * Queues one email (see the module header). Returns the message id, and whether this call created it (false when
 * the idempotency key was already used).
 */
export async function enqueueMail<N extends TemplateName>(
  req: MailRequest<N>,
  db: DbOrTx = getDb(),
): Promise<{ id: string; created: boolean }> {
  const to = req.to.trim().toLowerCase();
  if (!/^[^\s@<>"]+@[^\s@<>"]+$/.test(to)) throw new Error(`enqueueMail: not an email address: ${req.to}`);
  const { brand, replyTo } = await brandFor(db, req.merchantId);
  const rendered = await renderMail(req.template, req.props, brand);
  const id = randomUUID();
  const payload: SealedPayload = {
    from: fromFor(brand, !!req.merchantId),
    replyTo,
    ...rendered,
    messageIdHeader: `<${id}@${messageIdDomain()}>`,
  };
  // A savepoint inside the caller's transaction, or a transaction of its own: the row and its job commit together.
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(mailMessages)
      .values({
        id,
        merchantId: req.merchantId ?? null,
        userId: req.userId ?? null,
        template: req.template,
        to,
        subject: rendered.subject,
        idempotencyKey: req.idempotencyKey,
        reference: req.reference ?? null,
        payloadEnc: seal(JSON.stringify(payload), MAIL_SEAL_PURPOSE, mailPayloadBinding(id)),
      })
      .onConflictDoNothing({ target: mailMessages.idempotencyKey })
      .returning({ id: mailMessages.id });
    if (!row) {
      const [existing] = await tx
        .select({ id: mailMessages.id })
        .from(mailMessages)
        .where(eq(mailMessages.idempotencyKey, req.idempotencyKey));
      return { id: existing!.id, created: false };
    }
    await enqueueMailJob(tx, row.id);
    return { id: row.id, created: true };
  });
}
