import { and, eq, like, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getInvoiceRow, type InvoiceRow } from "@/db/queries/invoices";
import { auditLog } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { Declined, InvalidRequest } from "@/lib/gateway/errors";
import type { GatewayAdapter, Invoice, Transaction } from "@/lib/gateway/types";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { log } from "@/lib/log";
import { writeAudit } from "@/lib/services/audit/write";
import { upsertInvoices } from "@/lib/sync/invoices";
import { upsertTransactions } from "@/lib/sync/transactions";
import { validatePayment } from "@/lib/totals";
import type { PayInvoiceForm } from "@/lib/validations/invoices";
import { invoicingGateway } from "./availability";
import { hashToken, resolveLink } from "./links";
import { invoiceState } from "./rules";
import { assertPayAllowed } from "./throttle";

/**
 * The customer's payment from the hosted pay page. Safety rests on two facts:
 *  - one idempotency key per (invoice, attempt): the attempt id is rendered into the form, so a double click,
 *    a retry after a timeout or a resubmitted tab reach the gateway with the same key and get the same payment;
 *  - the gateway reserves each payment under the invoice's row lock, so concurrent attempts (two tabs) never
 *    add up to more than the amount due. A 409 (same key still in flight, or an attempt that only fits if an
 *    in-flight one fails) is retried briefly until the first answer is known.
 * The answer is written through (invoice + transaction, one audit row per transaction) in the same request.
 */

export const LINK_NOT_VALID = "This payment link is not valid.";
const IN_FLIGHT_RETRY_MS = 12_000;

export type PayOutcome =
  | { outcome: "approved"; paymentId: string; amountDue: number; state: string }
  | { outcome: "declined"; message: string };

export interface PayContext {
  ip: string;
}

async function record(merchantId: string, invoice: Invoice | null, t: Transaction | null, ctx: PayContext) {
  await getDb().transaction(async (tx) => {
    if (invoice) await upsertInvoices(tx, merchantId, [invoice]);
    if (!t) return;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`transactions:${merchantId}:${t.id}`}))`);
    await upsertTransactions(tx, merchantId, [t]);
    // Once per payment, not "when the cache row is new": the gateway's webhook may cache the transaction first.
    const [seen] = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.merchantId, merchantId),
          eq(auditLog.targetType, "transaction"),
          eq(auditLog.targetId, t.id),
          like(auditLog.action, "invoice.payment.%"),
        ),
      )
      .limit(1);
    if (!seen) {
      await writeAudit(tx, {
        actorLabel: "customer:pay-page",
        merchantId,
        action: `invoice.payment.${t.approved ? "approved" : "declined"}`,
        targetType: "transaction",
        targetId: t.id,
        after: { invoiceId: invoice?.id ?? t.invoiceId, amount: t.amount, status: t.status, type: t.type },
        ip: ctx.ip,
      });
    }
  });
}

function customerDecline(err: Declined, merchantName: string): string {
  const reason = err.reason.replace(/\.$/, "");
  return `Your payment was declined (${reason}). Nothing was charged. Try another card or account, or contact ${merchantName}.`;
}

async function payWithRetry(
  gateway: GatewayAdapter,
  invoiceId: string,
  args: Parameters<GatewayAdapter["invoices"]["pay"]>[1],
) {
  const until = Date.now() + IN_FLIGHT_RETRY_MS;
  let wait = 100;
  for (;;) {
    try {
      return await gateway.invoices.pay(invoiceId, args);
    } catch (err) {
      if (!(err instanceof InvalidRequest) || err.status !== 409 || Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 800);
    }
  }
}

function assertPayable(row: InvoiceRow, method: "card" | "ach") {
  const state = invoiceState(row);
  if (state === "void") throw new UserError("conflict", "This invoice was cancelled by the merchant.");
  if (!row.paymentMethods.includes(method)) {
    throw new UserError(
      "invalid",
      method === "ach" ? "This invoice can't be paid by bank account." : "This invoice can't be paid by card.",
    );
  }
}

export async function payByLink(input: PayInvoiceForm, ctx: PayContext): Promise<PayOutcome> {
  const db = getDb();
  await assertPayAllowed(hashToken(input.token), ctx.ip);
  const link = await resolveLink(db, input.token);
  if (!link) throw new UserError("invalid", LINK_NOT_VALID);
  const { merchantId, invoiceId } = link;
  const row = await getInvoiceRow(db, { merchantId, invoiceId });
  if (!row) throw new UserError("invalid", LINK_NOT_VALID);
  assertPayable(row, input.method);
  const gateway = await invoicingGateway(merchantId);

  // Amounts from the source of truth, checked by the one totals module before anything is charged.
  const fresh = await gateway.invoices.get(invoiceId);
  const check = validatePayment({ amountDue: fresh.amountDue }, input.amount, fresh.allowPartialPayment);
  // Nothing left to pay may still be this very attempt, retried: the gateway answers a known key with its payment.
  if (!check.ok && fresh.amountDue > 0) throw new UserError("invalid", check.error, { amount: [check.error] });

  const idempotencyKey = idempotencyKeyFor("invoice", invoiceId, input.attemptId);
  try {
    const paid = await payWithRetry(gateway, invoiceId, {
      source: { kind: "token", token: input.paymentToken },
      amount: input.amount,
      idempotencyKey,
    });
    await record(merchantId, paid.invoice, paid.transaction, ctx);
    log().info(
      { merchantId, invoiceId, transactionId: paid.transaction.id, amount: paid.transaction.amount },
      "invoice paid",
    );
    return {
      outcome: "approved",
      paymentId: paid.transaction.id,
      amountDue: paid.invoice.amountDue,
      state: paid.invoice.status,
    };
  } catch (err) {
    if (err instanceof Declined) {
      let invoice: Invoice | null = null;
      try {
        invoice = await gateway.invoices.get(invoiceId);
      } catch (e) {
        log().warn({ err: e, invoiceId }, "invoice not refreshed after a decline");
      }
      await record(merchantId, invoice, err.transaction, ctx);
      return { outcome: "declined", message: customerDecline(err, row.merchantName) };
    }
    if (err instanceof InvalidRequest) {
      // Someone else's payment landed first (another tab, a second device), or the amount no longer fits.
      const now = await gateway.invoices.get(invoiceId);
      await record(merchantId, now, null, ctx);
      log().info({ invoiceId, status: err.status, gatewayMessage: err.gatewayMessage }, "invoice payment refused");
      if (now.amountDue <= 0) throw new UserError("conflict", "This invoice has already been paid in full.");
      throw new UserError(
        "conflict",
        "The amount due has changed since this page was opened. Please review the new amount and try again.",
      );
    }
    throw err;
  }
}
