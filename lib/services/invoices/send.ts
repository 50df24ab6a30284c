import { and, eq, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { getInvoiceRow, type InvoiceRow } from "@/db/queries/invoices";
import { insertOutbox } from "@/db/queries/outbox";
import { invoices } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { enqueueMail } from "@/lib/services/mail/send";
import { formatMoney } from "@/lib/money";
import { writeAudit } from "@/lib/services/audit/write";
import type { SendChannel } from "@/lib/validations/invoices";
import { createLink, hashToken } from "./links";
import { sendable } from "./rules";
import type { Actor } from "./save";

function dueWords(d: Date | null): string {
  return d ? ` due ${d.toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" })}` : "";
}

/** Who gets what for a channel choice; a missing address is a clear error before anything is made. */
export function recipientsFor(row: InvoiceRow, channel: SendChannel): { email: string | null; phone: string | null } {
  const email = channel === "email" || channel === "both" ? row.customerEmail : null;
  const phone = channel === "text" || channel === "both" ? row.customerPhone : null;
  if ((channel === "email" || channel === "both") && !email)
    throw new UserError("invalid", "Add the customer's email to the invoice to send it by email.");
  if ((channel === "text" || channel === "both") && !phone)
    throw new UserError("invalid", "Add the customer's phone to the invoice to send a text.");
  return { email, phone };
}

/**
 * Emails the invoice through the mail queue (lib/mail): the message is logged and its delivery job queued in the
 * caller's transaction; SMTP is never part of the request, so a mail server that is down never fails the send.
 */
async function emailInvoice(tx: DbOrTx, row: InvoiceRow, to: string, url: string, token: string) {
  await enqueueMail(
    {
      template: "invoice-sent",
      to,
      merchantId: row.merchantId,
      reference: row.id,
      idempotencyKey: `invoice-sent:${row.merchantId}:${hashToken(token)}`,
      props: {
        customerName: row.customerName,
        invoiceNumber: row.number,
        amountDue: formatMoney(row.amountDue, row.currency),
        dueDate: row.dueAt?.toISOString() ?? null,
        message: row.document.message ?? null,
        payUrl: url,
      },
    },
    tx,
  );
}

/**
 * Sends (or re-sends) an invoice: a fresh pay link, an email through the mail queue and/or a text record, `sent_at`
 * set on the first send. "none" only makes the link, for the merchant to share (the invoice page keeps offering it
 * with a copy button).
 */
export async function sendInvoice(
  merchantId: string,
  actor: Actor,
  invoiceId: string,
  channel: SendChannel,
): Promise<{ url: string; delivered: { channel: string; to: string }[] }> {
  const db = getDb();
  const row = await getInvoiceRow({ merchantId, invoiceId }, db);
  if (!row) throw new UserError("invalid", "This invoice no longer exists.");
  const rule = sendable(row);
  if (!rule.ok) throw new UserError("conflict", rule.reason);
  const to = recipientsFor(row, channel);
  return db.transaction(async (tx) => {
    const link = await createLink(tx, { merchantId, invoiceId, dueAt: row.dueAt });
    const delivered: { channel: string; to: string }[] = [];
    if (to.email) {
      await emailInvoice(tx, row, to.email, link.url, link.token);
      delivered.push({ channel: "email", to: to.email });
    }
    if (to.phone) {
      // No SMS provider is configured: a text is recorded for the merchant, not delivered (docs/decisions.md).
      const amount = formatMoney(row.amountDue, row.currency);
      const what = `Invoice ${row.number ?? ""}`.trim();
      await insertOutbox(
        [
          {
            merchantId,
            channel: "text",
            to: to.phone,
            body: `${row.merchantName}: ${what} for ${amount}${dueWords(row.dueAt)}. Pay here: ${link.url}`,
            topic: "invoice.sent",
            reference: row.id,
          },
        ],
        tx,
      );
      delivered.push({ channel: "text", to: to.phone });
    }
    const resend = row.sentAt !== null;
    await tx
      .update(invoices)
      .set({ sentAt: sql`coalesce(${invoices.sentAt}, now())`, sendVia: channel })
      .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, invoiceId)));
    await writeAudit(tx, {
      actorUserId: actor.userId,
      merchantId,
      action: resend ? "invoice.resend" : "invoice.send",
      targetType: "invoice",
      targetId: invoiceId,
      after: { channel, to: delivered.map((m) => m.to), expiresAt: link.expiresAt.toISOString() },
    });
    return { url: link.url, delivered };
  });
}
