import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getInvoiceRow } from "@/db/queries/invoices";
import { invoiceLinks, invoices } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { emitMerchantEvent } from "@/lib/sync/merchant-events";
import { writeAudit } from "@/lib/services/audit/write";
import { invoiceStore } from "./availability";
import { revokeLinks } from "./links";
import { deletable, markable, voidable } from "./rules";
import type { Actor } from "./save";

async function load(merchantId: string, invoiceId: string) {
  const row = await getInvoiceRow({ merchantId, invoiceId });
  if (!row) throw new UserError("invalid", "This invoice no longer exists.");
  return row;
}

/** Paid outside the gateway (cash, check): the store marks it paid; the portal keeps how and the note. */
export async function markInvoicePaid(
  merchantId: string,
  actor: Actor,
  invoiceId: string,
  how: { method: "cash" | "check" | "other"; note?: string },
): Promise<void> {
  const row = await load(merchantId, invoiceId);
  const rule = markable(row);
  if (!rule.ok) throw new UserError("conflict", rule.reason);
  const store = await invoiceStore(merchantId);
  await store.markPaid(row, async (tx, invoice) => {
    await tx
      .update(invoices)
      .set({ paidOutsideMethod: how.method, paidOutsideNote: how.note ?? null })
      .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, invoiceId)));
    await writeAudit(tx, {
      actorUserId: actor.userId,
      merchantId,
      action: "invoice.mark_paid",
      targetType: "invoice",
      targetId: invoiceId,
      before: { status: row.status, amountDue: row.amountDue },
      after: { status: invoice.status, method: how.method, note: how.note ?? null, amount: row.amountDue },
    });
  });
}

/**
 * Void: the invoice leaves the gateway, if it lives there (its hosted page dies with it), but stays in the portal as void, with
 * its number, so the record is complete; its pay links stop working.
 */
export async function voidInvoice(merchantId: string, actor: Actor, invoiceId: string): Promise<void> {
  const row = await load(merchantId, invoiceId);
  const rule = voidable(row);
  if (!rule.ok) throw new UserError("conflict", rule.reason);
  await (await invoiceStore(merchantId)).discard(row, "void");
  await getDb().transaction(async (tx) => {
    await tx
      .update(invoices)
      .set({ voidedAt: new Date() })
      .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, invoiceId)));
    await revokeLinks(tx, { merchantId, invoiceId });
    // The void is the portal's own state (voided_at), not a gateway status the sync would see: announce it here.
    await emitMerchantEvent(
      merchantId,
      "invoice.updated",
      {
        id: invoiceId,
        number: row.number,
        status: "void",
        previousStatus: row.status,
        total: row.total,
        currency: row.currency,
      },
      tx,
    );
    await writeAudit(tx, {
      actorUserId: actor.userId,
      merchantId,
      action: "invoice.void",
      targetType: "invoice",
      targetId: invoiceId,
      before: { status: row.status, total: row.total },
    });
  });
}

/** Delete: drafts only (never sent, nothing paid) — gone at the gateway and in the portal. */
export async function deleteInvoice(merchantId: string, actor: Actor, invoiceId: string): Promise<void> {
  const row = await load(merchantId, invoiceId);
  const rule = deletable(row);
  if (!rule.ok) throw new UserError("conflict", rule.reason);
  await (await invoiceStore(merchantId)).discard(row, "delete");
  await getDb().transaction(async (tx) => {
    await tx
      .delete(invoiceLinks)
      .where(and(eq(invoiceLinks.merchantId, merchantId), eq(invoiceLinks.invoiceProviderId, invoiceId)));
    await tx.delete(invoices).where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, invoiceId)));
    await writeAudit(tx, {
      actorUserId: actor.userId,
      merchantId,
      action: "invoice.delete",
      targetType: "invoice",
      targetId: invoiceId,
      before: { number: row.number, total: row.total },
    });
  });
}
