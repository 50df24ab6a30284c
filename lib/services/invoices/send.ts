import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getInvoiceRow, type InvoiceRow } from "@/db/queries/invoices";
import { insertOutbox, type OutboxMessage } from "@/db/queries/outbox";
import { invoices } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { writeAudit } from "@/lib/services/audit/write";
import type { SendChannel } from "@/lib/validations/invoices";
import { createLink } from "./links";
import { sendable } from "./rules";
import type { Actor } from "./save";

function dueWords(d: Date | null): string {
  return d ? ` due ${d.toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" })}` : "";
}

export function messagesFor(row: InvoiceRow, channel: SendChannel, url: string): OutboxMessage[] {
  const what = `Invoice ${row.number ?? ""}`.trim();
  const amount = formatMoney(row.amountDue, row.currency);
  const out: OutboxMessage[] = [];
  const ref = { merchantId: null as string | null, topic: "invoice.sent", reference: row.id };
  if (channel === "email" || channel === "both") {
    if (!row.customerEmail)
      throw new UserError("invalid", "Add the customer's email to the invoice to send it by email.");
    out.push({
      ...ref,
      channel: "email",
      to: row.customerEmail,
      subject: `${what} from ${row.merchantName}: ${amount}${dueWords(row.dueAt)}`,
      body: [
        `Hello${row.customerName ? ` ${row.customerName}` : ""},`,
        "",
        `${row.merchantName} sent you ${row.number ? `invoice ${row.number}` : "an invoice"} for ${amount}${dueWords(row.dueAt)}.`,
        ...(row.document.message ? ["", row.document.message] : []),
        "",
        `View and pay it securely: ${url}`,
        "",
        "This link is personal to you; please don't share it.",
      ].join("\n"),
    });
  }
  if (channel === "text" || channel === "both") {
    if (!row.customerPhone) throw new UserError("invalid", "Add the customer's phone to the invoice to send a text.");
    out.push({
      ...ref,
      channel: "text",
      to: row.customerPhone,
      body: `${row.merchantName}: ${what} for ${amount}${dueWords(row.dueAt)}. Pay here: ${url}`,
    });
  }
  return out;
}

/**
 * Sends (or re-sends) an invoice: a fresh pay link, one outbox message per channel, `sent_at` set on the first
 * send. "none" only makes the link, for the merchant to share. Returns the link once (only its hash is kept).
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
  return db.transaction(async (tx) => {
    const link = await createLink(tx, { merchantId, invoiceId, dueAt: row.dueAt });
    const messages = messagesFor(row, channel, link.url).map((m) => ({ ...m, merchantId }));
    await insertOutbox(messages, tx);
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
      after: { channel, to: messages.map((m) => m.to), expiresAt: link.expiresAt.toISOString() },
    });
    return { url: link.url, delivered: messages.map((m) => ({ channel: m.channel, to: m.to })) };
  });
}
