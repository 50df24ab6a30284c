import { and, eq, like, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { nextInvoiceNumber, type InvoiceRow } from "@/db/queries/invoices";
import { auditLog } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { Declined, InvalidRequest, NotFound as GatewayNotFound } from "@/lib/gateway/errors";
import type { GatewayAdapter, Invoice, Transaction } from "@/lib/gateway/types";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { log } from "@/lib/log";
import { withLease } from "@/lib/services/leases";
import { writeAudit } from "@/lib/services/audit/write";
import { upsertInvoices } from "@/lib/sync/invoices";
import { upsertTransactions } from "@/lib/sync/transactions";
import { validatePayment } from "@/lib/totals";
import type { InvoiceForm } from "@/lib/validations/invoices";
import { gatewayInvoiceInput } from "./build";
import {
  customerDeclineMessage,
  type InvoiceStore,
  type PayContext,
  type PayOutcome,
  type PayRequest,
  type Within,
} from "./store";

/**
 * Invoices kept by the gateway (FluidPay family): every change goes to the gateway first and the returned
 * invoice is written through to the cache, with the caller's extra work, in one database transaction.
 *
 * Payments: one idempotency key per (invoice, attempt) — the attempt id is rendered into the pay form, so a
 * double click, a retry after a timeout or a resubmitted tab reach the gateway with the same key and get the same
 * payment; the gateway reserves each payment under the invoice's row lock, so concurrent attempts (two tabs) never
 * add up to more than the amount due. A 409 (same key still in flight, or an attempt that only fits if an in-flight
 * one fails) is retried briefly until the first answer is known.
 */

const IN_FLIGHT_RETRY_MS = 12_000;

function checkAgreement(merchantId: string, invoice: Invoice, expectedTotal: number) {
  if (invoice.total !== expectedTotal) {
    // Both sides follow docs/money.md; a difference is a bug to look at, and the gateway's figure is what is owed.
    log().warn(
      { merchantId, invoiceId: invoice.id, expectedTotal, gatewayTotal: invoice.total },
      "invoice totals differ",
    );
  }
}

async function cache(merchantId: string, invoice: Invoice, within: Within): Promise<Invoice> {
  await getDb().transaction(async (tx) => {
    await upsertInvoices(tx, merchantId, [invoice], "gateway");
    await within(tx, invoice);
  });
  return invoice;
}

/** Cache + audit of a pay-page payment, once per payment (the gateway's webhook may cache the transaction first). */
export async function recordGatewayPayment(
  merchantId: string,
  invoice: Invoice | null,
  t: Transaction | null,
  ctx: PayContext,
  attemptKey?: string,
) {
  await getDb().transaction(async (tx) => {
    if (invoice) await upsertInvoices(tx, merchantId, [invoice], "gateway");
    if (!t) return;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`transactions:${merchantId}:${t.id}`}))`);
    await upsertTransactions(tx, merchantId, [t]);
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
        after: {
          invoiceId: invoice?.id ?? t.invoiceId,
          amount: t.amount,
          status: t.status,
          type: t.type,
          attemptKey: attemptKey ?? t.idempotencyKey ?? null,
        },
        ip: ctx.ip,
      });
    }
  });
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

export function gatewayStore(merchantId: string, gateway: GatewayAdapter): InvoiceStore {
  const record = (invoice: Invoice | null, t: Transaction | null, ctx: PayContext, attemptKey?: string) =>
    recordGatewayPayment(merchantId, invoice, t, ctx, attemptKey);

  /** Whether this attempt already paid (its approved payment is audited under its key): a retry, not a new payment. */
  async function attemptPaid(attemptKey: string): Promise<boolean> {
    const [row] = await getDb()
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.merchantId, merchantId),
          eq(auditLog.action, "invoice.payment.approved"),
          sql`${auditLog.after}->>'attemptKey' = ${attemptKey}`,
        ),
      )
      .limit(1);
    return !!row;
  }

  return {
    source: "gateway",
    merchantId,
    gateway,
    payMethods: gateway.tokenizerConfig().paymentTypes.filter((m) => m === "card" || gateway.capabilities.achPayments),
    // The gateway's own fee programme decides surcharges of invoices it charges (see pay-page.ts).
    surchargeRate: async () => 0,

    async create(form: InvoiceForm, within: Within) {
      const numbered = form.number ? form : { ...form, number: await nextInvoiceNumber({ merchantId }) };
      const { input, totals } = gatewayInvoiceInput(numbered);
      const invoice = await gateway.invoices.create(input);
      checkAgreement(merchantId, invoice, totals.total);
      return cache(merchantId, invoice, within);
    },

    async update(_row: InvoiceRow, form: InvoiceForm, within: Within) {
      const { input, totals } = gatewayInvoiceInput(form);
      const invoice = await gateway.invoices.update(_row.id, input);
      checkAgreement(merchantId, invoice, totals.total);
      return cache(merchantId, invoice, within);
    },

    async markPaid(row: InvoiceRow, within: Within) {
      return cache(merchantId, await gateway.invoices.markPaid(row.id), within);
    },

    async discard(row: InvoiceRow) {
      try {
        await gateway.invoices.delete(row.id);
      } catch (err) {
        if (!(err instanceof GatewayNotFound)) throw err;
      }
    },

    /**
     * The portal does not rely on the gateway to refuse paying more than the balance: payments of one invoice take
     * its lease (one at a time, across instances, no connection held while waiting), and the amount due is read from
     * the gateway and checked inside it, so each payment sees every earlier one.
     */
    async pay(row: InvoiceRow, req: PayRequest, ctx: PayContext): Promise<PayOutcome> {
      return withLease(`invoice-pay:${merchantId}:${row.id}`, () => payOnce(row, req, ctx), {
        busyMessage: "Another payment of this invoice is being processed. Please wait a moment and try again.",
      });
    },
  };

  async function payOnce(row: InvoiceRow, req: PayRequest, ctx: PayContext): Promise<PayOutcome> {
    const invoiceId = row.id;
    // Amounts from the source of truth, checked by the one totals module before anything is charged.
    const fresh = await gateway.invoices.get(invoiceId);
    const check = validatePayment({ amountDue: fresh.amountDue }, req.amount, fresh.allowPartialPayment);
    const idempotencyKey = idempotencyKeyFor("invoice", invoiceId, req.attemptId);
    if (!check.ok && fresh.amountDue > 0) throw new UserError("invalid", check.error, { amount: [check.error] });
    // Nothing left to pay may still be this very attempt, retried after its answer was lost on the way to the
    // browser: only an attempt the portal saw approved goes back to the gateway (which answers its key with the same
    // payment); any other is refused here, whatever the gateway would do.
    if (!check.ok && !(await attemptPaid(idempotencyKey))) {
      throw new UserError("conflict", "This invoice has already been paid in full.");
    }
    try {
      const paid = await payWithRetry(gateway, invoiceId, {
        source: { kind: "token", token: req.paymentToken },
        amount: req.amount,
        idempotencyKey,
      });
      await record(paid.invoice, paid.transaction, ctx, idempotencyKey);
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
        await record(invoice, err.transaction, ctx, idempotencyKey);
        return { outcome: "declined", message: customerDeclineMessage(err.reason, row.merchantName) };
      }
      if (err instanceof InvalidRequest) {
        // Someone else's payment landed first (another tab, a second device), or the amount no longer fits.
        const now = await gateway.invoices.get(invoiceId);
        await record(now, null, ctx);
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
}
