import { and, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { mailAttempts, mailMessages, merchants } from "@/db/schema";
import { paginate } from "./paginate";

/**
 * The delivery log's read side. Nothing here returns a message body: the sealed payload is read only by the
 * delivery job (lib/services/mail/deliver.ts), so no page can show a link meant for someone's mailbox.
 */

export async function getMailBrand({ merchantId }: { merchantId: string }, db: DbOrTx = getDb()) {
  const [m] = await db
    .select({
      name: merchants.name,
      brandColor: merchants.brandColor,
      logoUrl: merchants.logoUrl,
      supportEmail: merchants.supportEmail,
    })
    .from(merchants)
    .where(eq(merchants.id, merchantId))
    .limit(1);
  return m ?? null;
}

export const MAIL_STATUSES = ["queued", "sending", "sent", "retrying", "failed"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

const listColumns = {
  id: mailMessages.id,
  template: mailMessages.template,
  to: mailMessages.to,
  subject: mailMessages.subject,
  reference: mailMessages.reference,
  status: mailMessages.status,
  attempts: mailMessages.attempts,
  lastResponse: mailMessages.lastResponse,
  createdAt: mailMessages.createdAt,
  sentAt: mailMessages.sentAt,
};

/** A merchant's sent messages, newest first: subject, recipient, status, time — never the body. */
export async function listSentMessages(
  params: {
    merchantId: string;
    status?: MailStatus;
    reference?: string;
    to?: string;
    page?: number;
    pageSize?: number;
  },
  db: DbOrTx = getDb(),
) {
  const conds: SQL[] = [eq(mailMessages.merchantId, params.merchantId)];
  if (params.status) conds.push(eq(mailMessages.status, params.status));
  if (params.reference) conds.push(eq(mailMessages.reference, params.reference));
  if (params.to) conds.push(eq(mailMessages.to, params.to.trim().toLowerCase()));
  const where = and(...conds);
  return paginate(
    params,
    db
      .select(listColumns)
      .from(mailMessages)
      .where(where)
      .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
      .$dynamic(),
    db.select({ n: count() }).from(mailMessages).where(where),
  );
}

/** The attempts of some messages (the delivery log), oldest first, keyed by message. */
export async function listMailAttempts({ messageIds }: { messageIds: string[] }, db: DbOrTx = getDb()) {
  if (messageIds.length === 0) return new Map<string, AttemptRow[]>();
  const rows = await db
    .select({
      messageId: mailAttempts.messageId,
      attempt: mailAttempts.attempt,
      outcome: mailAttempts.outcome,
      code: mailAttempts.code,
      response: mailAttempts.response,
      at: mailAttempts.at,
    })
    .from(mailAttempts)
    .where(inArray(mailAttempts.messageId, messageIds))
    .orderBy(mailAttempts.messageId, mailAttempts.attempt);
  const out = new Map<string, AttemptRow[]>();
  for (const r of rows) {
    const list = out.get(r.messageId) ?? [];
    list.push(r);
    out.set(r.messageId, list);
  }
  return out;
}

export interface AttemptRow {
  messageId: string;
  attempt: number;
  outcome: "sent" | "failed";
  code: number | null;
  response: string;
  at: Date;
}

/** The status of the latest messages of one account (for a user's own pages), without bodies. */
export async function listAccountMessageStatus({ userId }: { userId: string }, db: DbOrTx = getDb()) {
  return db
    .select(listColumns)
    .from(mailMessages)
    .where(eq(mailMessages.userId, userId))
    .orderBy(desc(mailMessages.createdAt))
    .limit(20);
}
