import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Batch, Invoice, Transaction } from "../types";
import { wireBatch, wireInvoice, wireTransaction } from "./schemas";
import { toBatch, toInvoice, toTransaction } from "./transform";

/**
 * FluidPay webhooks (services.md §5.7): `Signature` = base64url (no padding) HMAC-SHA256 of the raw
 * body with the merchant's signing secret; `Signature-Previous` during a secret rotation. The signature covers the
 * body only: `X-Webhook-Event-Id` is not signed, so nothing here trusts it — the event's id is a digest of the signed
 * body, and its time is the body's `action_at`.
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

/**
 * Test deliveries — sent when a webhook is created, updated or tested — have `type: "test"` and are signed with this
 * fixed, public secret (services.md §5.7 L342), not the merchant's: they prove the endpoint is reachable and nothing
 * else. The portal acknowledges one that verifies and never ingests it.
 */
export const FLUIDPAY_TEST_WEBHOOK_SECRET = "00000000-0000-4000-8000-000000000001";

export function isFluidPayTestDelivery(raw: string, headers: Headers): boolean {
  let type: unknown;
  try {
    type = (JSON.parse(raw) as { type?: unknown }).type;
  } catch {
    return false;
  }
  return type === "test" && verifyFluidPaySignature(raw, headers, FLUIDPAY_TEST_WEBHOOK_SECRET);
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
  /** A digest of the signed raw body: a redelivery (same body) has the same id whatever headers it carries. */
  eventId: string;
  /** The signed `action_at`; null when the body has none. */
  actionAt: Date | null;
  type: string;
  /** The gateway's merchant/account id the event belongs to. */
  accountId: string;
  transaction: Transaction | null;
  /** For settlement events: the closed batch. */
  batch: Batch | null;
  /** For invoice payment events: the invoice after the payment. */
  invoice: Invoice | null;
}

/** The dedupe id of a delivery: SHA-256 of the signed raw body (the gateway resends a delivery byte for byte). */
export function fluidPayWebhookEventId(raw: string): string {
  return `sha256:${createHash("sha256").update(raw, "utf8").digest("hex")}`;
}

/** Parses an event (after its signature was verified). Throws on a body that is not an event. */
export function parseFluidPayWebhook(raw: string): FluidPayWebhook {
  const e = envelope.parse(JSON.parse(raw));
  const at = e.action_at ? new Date(e.action_at) : null;
  const isTransaction = e.type === "transaction_create" || e.type === "transaction_update";
  // invoice_pay carries {invoice, transaction}.
  const paid = e.type === "invoice_pay" ? invoicePayment.parse(e.data) : null;
  return {
    eventId: fluidPayWebhookEventId(raw),
    actionAt: at && !Number.isNaN(at.getTime()) ? at : null,
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
