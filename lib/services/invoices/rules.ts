/**
 * What may be done to an invoice in each state (the portal's rules on top of the gateway's: a paid invoice
 * refuses updates, an invoice with payments cannot be deleted).
 *
 * | state          | edit | send/resend | mark paid | void | delete |
 * |----------------|------|-------------|-----------|------|--------|
 * | draft          | yes  | yes         | yes       | no   | yes    |
 * | open/declined  | yes  | yes         | yes       | yes  | no     |
 * | partially paid | yes* | yes         | yes       | no   | no     |
 * | paid / void    | no   | no          | no        | no   | no     |
 * (*) never below what was paid. Void keeps the record (and its number) in the portal, removes the invoice at
 * the gateway and kills its links; delete is for drafts that were never sent.
 */
export type InvoiceState = "draft" | "open" | "partially_paid" | "paid" | "void" | "declined";

export interface StateFacts {
  status: string;
  amountPaid: number;
  sentAt: Date | null;
  voidedAt: Date | null;
}

const PAID = new Set(["paid", "authorized", "paying_via_mail"]);
const FAILED = new Set(["declined", "failed", "rejected"]);

export function invoiceState(i: StateFacts): InvoiceState {
  if (i.voidedAt) return "void";
  if (PAID.has(i.status)) return "paid";
  if (i.status === "partially_paid" || i.amountPaid > 0) return "partially_paid";
  if (FAILED.has(i.status)) return "declined";
  return i.sentAt ? "open" : "draft";
}

export function isOverdue(i: StateFacts & { dueAt: Date | null }, now = new Date()): boolean {
  const s = invoiceState(i);
  return (s === "open" || s === "partially_paid" || s === "declined") && !!i.dueAt && i.dueAt < now;
}

type Rule = { ok: true } | { ok: false; reason: string };
const yes: Rule = { ok: true };

export function editable(i: StateFacts): Rule {
  const s = invoiceState(i);
  if (s === "paid") return { ok: false, reason: "A paid invoice can't be changed." };
  if (s === "void") return { ok: false, reason: "A void invoice can't be changed." };
  return yes;
}

export function sendable(i: StateFacts): Rule {
  const s = invoiceState(i);
  if (s === "paid") return { ok: false, reason: "This invoice is already paid." };
  if (s === "void") return { ok: false, reason: "A void invoice can't be sent." };
  return yes;
}

export function markable(i: StateFacts): Rule {
  return sendable(i);
}

export function voidable(i: StateFacts): Rule {
  const s = invoiceState(i);
  if (s === "draft") return { ok: false, reason: "A draft is deleted, not voided." };
  if (i.amountPaid > 0 || s === "paid") {
    return { ok: false, reason: "An invoice with payments can't be voided; refund its payments first." };
  }
  if (s === "void") return { ok: false, reason: "This invoice is already void." };
  return yes;
}

export function deletable(i: StateFacts): Rule {
  if (invoiceState(i) !== "draft" || i.amountPaid > 0) {
    return { ok: false, reason: "Only drafts that were never sent can be deleted; void a sent invoice instead." };
  }
  return yes;
}
