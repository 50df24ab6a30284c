import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Batch, Invoice, Transaction } from "../types";
import { wireBatch, wireInvoice, wireTransaction } from "./schemas";
import { toBatch, toInvoice, toTransaction } from "./transform";

/**
 * FluidPay webhooks (services.md §5.7): `Signature` = base64url (no padding) HMAC-SHA256 of the raw
 * body with the merchant's signing secret; `Signature-Previous` during a secret rotation;
 * `X-Webhook-Event-Id` is stable across retries.
 */
export function signFluidPayBody(raw: string, secret: string): string {
  return createHmac("sha256", secret).update(raw, "utf8").digest("base64url");
}

export function verifyFluidPaySignature(raw: string, headers: Headers, secret: string): boolean {
  const expected = Buffer.from(signFluidPayBody(raw, secret));
  for (const name of ["signature", "signature-previous"]) {
    const got = Buffer.from((headers.get(name) ?? "").replace(/=+$/, ""));
    if (got.length === expected.length && timingSafeEqual(got, expected)) return true;
  }
  return false;
}

const envelope = z.object({
  type: z.string().min(1),
  account_type_id: z.string().min(1),
  transaction_id: z.string().nullish(),
  action_at: z.string().nullish(),
  data: z.unknown(),
});

const invoicePayment = z.object({ invoice: wireInvoice, transaction: wireTransaction.nullish() });

export interface FluidPayWebhook {
  eventId: string;
  type: string;
  /** The gateway's merchant/account id the event belongs to. */
  accountId: string;
  transaction: Transaction | null;
  /** For settlement events: the closed batch. */
  batch: Batch | null;
  /** For invoice payment events: the invoice after the payment. */
  invoice: Invoice | null;
}

/** Parses an event (after its signature was verified). Throws on a body that is not an event. */
export function parseFluidPayWebhook(raw: string, headers: Headers): FluidPayWebhook {
  const e = envelope.parse(JSON.parse(raw));
  const eventId = headers.get("x-webhook-event-id") ?? `${e.type}:${e.transaction_id ?? ""}:${e.action_at ?? ""}`;
  const isTransaction = e.type === "transaction_create" || e.type === "transaction_update";
  // invoice_pay carries {invoice, transaction}.
  const paid = e.type === "invoice_pay" ? invoicePayment.parse(e.data) : null;
  return {
    eventId,
    type: e.type,
    accountId: e.account_type_id,
    transaction: isTransaction
      ? toTransaction(wireTransaction.parse(e.data))
      : paid?.transaction
        ? toTransaction(paid.transaction)
        : null,
    batch: e.type === "settlement_batch_settle" ? toBatch(wireBatch.parse(e.data)) : null,
    invoice: paid ? toInvoice(paid.invoice) : null,
  };
}

/** The merchant id an event claims, read before verification to find whose secret to check with. */
export function fluidPayWebhookAccount(raw: string): string | null {
  try {
    const id = (JSON.parse(raw) as { account_type_id?: unknown }).account_type_id;
    return typeof id === "string" && id.length > 0 && id.length < 100 ? id : null;
  } catch {
    return null;
  }
}
