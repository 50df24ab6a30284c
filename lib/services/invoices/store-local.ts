import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { getInvoiceSettings, type InvoiceRow, takeLocalInvoiceNumber } from "@/db/queries/invoices";
import { invoicePayments, invoices } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { orderIdFor } from "@/lib/gateway/cardpointe/adapter-transactions";
import { Declined, InvalidRequest } from "@/lib/gateway/errors";
import type { Address, AddressInput, GatewayAdapter, Invoice, InvoiceStatus, Transaction } from "@/lib/gateway/types";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { log } from "@/lib/log";
import { formatMoney, thousandthsToPercentString } from "@/lib/money";
import { writeAudit } from "@/lib/services/audit/write";
import { upsertInvoices } from "@/lib/sync/invoices";
import { lockMerchantCache } from "@/lib/sync/lock";
import { upsertTransactions } from "@/lib/sync/transactions";
import { computeSurchargedPayment, type InvoiceTotals, validatePayment } from "@/lib/totals";
import type { InvoiceForm } from "@/lib/validations/invoices";
import { dueTimestamp, gatewayInvoiceInput } from "./build";
import { invoiceState } from "./rules";
import { customerDeclineMessage, type InvoiceStore, type PayContext, type PayOutcome, type PayRequest } from "./store";

/**
 * Invoices the portal keeps itself (CardPointe: no invoice API). PostgreSQL is the record: the invoice row
 * (source `local`) holds the totals computed by lib/totals, and `invoice_payments` is its payments ledger.
 *
 * Paying, safely without a gateway idempotency header:
 *  1. claim — under the invoice's row lock: the attempt's ledger row (key = idempotencyKeyFor("invoice", id,
 *     attempt)) is found or inserted as `pending`, reserving its amount; an attempt only proceeds when its amount
 *     fits in total − paid − reserved, so concurrent attempts can never add up to more than the total;
 *  2. charge — `auth` (capture Y for a sale) with a CardSecure token, outside any lock. The key goes to the adapter,
 *     which derives the orderid from it and, before charging a known key or after an unknown outcome, asks
 *     `inquireByOrderid`: a retry finds the first charge instead of making a second one;
 *  3. settle — merchant cache lock, then the row lock: the ledger row becomes approved (amount_paid grows by the
 *     invoice portion, conditionally: never above the total) or declined (reservation released); the transaction
 *     is written to the cache (dashboard rollups included) with one audit row, in the same database transaction.
 * A second submission of an attempt in flight waits for its answer; an answer lost to a timeout leaves the row
 * `unknown` (still reserved) and the next submission of that attempt re-asks the gateway by orderid.
 */

const LEASE_MS = 2 * 60_000;
const WAIT_MS = 12_000;

function fullAddress(a: AddressInput): Address {
  return {
    firstName: a.firstName ?? null,
    lastName: a.lastName ?? null,
    company: a.company ?? null,
    line1: a.line1 ?? null,
    line2: a.line2 ?? null,
    city: a.city ?? null,
    state: a.state ?? null,
    postalCode: a.postalCode ?? null,
    country: a.country ?? null,
    email: a.email ?? null,
    phone: a.phone ?? null,
    fax: a.fax ?? null,
  };
}

/** The status of a local invoice from its payments (the gateway family's vocabulary, so one state rule reads both). */
export function localStatus(args: {
  total: number;
  amountPaid: number;
  transactionType: string;
  markedPaid?: boolean;
  lastDeclined?: boolean;
}): InvoiceStatus {
  if (args.markedPaid) return "paid";
  if (args.total > 0 && args.amountPaid >= args.total)
    return args.transactionType === "authorize" ? "authorized" : "paid";
  if (args.amountPaid > 0) return "partially_paid";
  if (args.lastDeclined) return "declined";
  return "pending";
}

/** The editor's form → the invoice document the portal keeps (same shape as a gateway invoice). */
export function localInvoice(
  id: string,
  form: InvoiceForm & { number: string },
  prior: { amountPaid: number; status?: InvoiceStatus; createdAt?: string } = { amountPaid: 0 },
  now = new Date(),
): { invoice: Invoice; totals: InvoiceTotals } {
  const { input, totals } = gatewayInvoiceInput(form);
  const amountPaid = prior.amountPaid;
  const markedPaid = prior.status === "paid" && amountPaid < totals.total;
  const status = localStatus({
    total: totals.total,
    amountPaid,
    transactionType: form.transactionType,
    markedPaid,
    lastDeclined: prior.status === "declined",
  });
  const invoice: Invoice = {
    id,
    invoiceNumber: form.number,
    status,
    currency: "USD",
    companyName: form.billTo.company ?? null,
    customerId: form.customerId ?? null,
    customerNumber: null,
    payableTo: fullAddress(input.payableTo),
    billTo: fullAddress(input.billTo),
    dateDue: dueTimestamp(form.dueDate),
    items: input.items.map((it, i) => ({
      id: String(i + 1),
      name: it.name,
      description: it.description ?? null,
      quantity: it.quantity,
      unitPrice: it.unitPrice,
      amount: totals.lines[i]?.amount ?? 0,
      taxable: it.taxable ?? false,
      taxAmount: it.taxAmount ?? 0,
      discountAmount: it.discountAmount ?? 0,
      productCode: null,
      status: "pending",
    })),
    subtotal: totals.subtotal,
    taxPercent: form.taxMode === "percent" ? thousandthsToPercentString(form.taxPercent) : null,
    tax: totals.tax,
    shipping: totals.shipping,
    adjustment: totals.adjustment,
    total: totals.total,
    amountPaid,
    amountDue: markedPaid ? 0 : Math.max(0, totals.total - amountPaid),
    allowPartialPayment: form.allowPartialPayment,
    paymentMethods: form.paymentMethods,
    transactionType: form.transactionType,
    message: form.message ?? null,
    sendVia: form.sendVia,
    emailTo: form.billTo.email ?? null,
    hostedUrl: null,
    publicId: null,
    createdAt: prior.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
    lastSentAt: null,
  };
  return { invoice, totals };
}

function isUniqueNumberViolation(err: unknown): boolean {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (e.code === "23505" && (e.constraint ?? "").includes("invoices_local_number")) return true;
  }
  return false;
}

/** Runs a save; a number another invoice of the merchant already has becomes a field error on "number". */
async function numberChecked<T>(number: string | null | undefined, save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (err) {
    if (isUniqueNumberViolation(err)) {
      const m = `Invoice number ${number} is already used.`;
      throw new UserError("invalid", m, { number: [m] });
    }
    throw err;
  }
}

type LockedInvoice = {
  total: number;
  amountPaid: number;
  status: string;
  voidedAt: Date | null;
  sentAt: Date | null;
  allowPartialPayment: boolean;
  paymentMethods: string[];
  transactionType: string;
  document: Invoice;
};

async function lockInvoice(tx: DbOrTx, merchantId: string, invoiceId: string): Promise<LockedInvoice | null> {
  const [row] = await tx
    .select({
      total: invoices.total,
      amountPaid: invoices.amountPaid,
      status: invoices.status,
      voidedAt: invoices.voidedAt,
      sentAt: invoices.sentAt,
      allowPartialPayment: invoices.allowPartialPayment,
      paymentMethods: invoices.paymentMethods,
      transactionType: invoices.transactionType,
      document: invoices.document,
    })
    .from(invoices)
    .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, invoiceId), eq(invoices.source, "local")))
    .for("update");
  return row ?? null;
}

/** Amount held by attempts whose answer is not known yet (in flight, or lost to a timeout). */
async function reservedAmount(tx: DbOrTx, merchantId: string, invoiceId: string, exceptKey?: string) {
  const res = await tx.execute<{ s: string | null }>(sql`
    select coalesce(sum(${invoicePayments.amount}), 0) as s from ${invoicePayments}
    where ${invoicePayments.merchantId} = ${merchantId} and ${invoicePayments.invoiceId} = ${invoiceId}
      and ${invoicePayments.status} in ('pending', 'unknown')
      ${exceptKey ? sql`and ${invoicePayments.idempotencyKey} <> ${exceptKey}` : sql``}`);
  return Number(res.rows[0]?.s ?? 0);
}

/** Writes a new state of a local invoice's money columns (and its document) under the held row lock. */
async function writeMoney(
  tx: DbOrTx,
  merchantId: string,
  invoiceId: string,
  doc: Invoice,
  next: { amountPaid: number; status: InvoiceStatus; amountDue: number },
) {
  const now = new Date();
  const document: Invoice = { ...doc, ...next, updatedAt: now.toISOString() };
  const res = await tx
    .update(invoices)
    .set({
      amountPaid: next.amountPaid,
      amountDue: next.amountDue,
      status: next.status,
      document,
      providerUpdatedAt: now,
      syncedAt: now,
    })
    // Never paid beyond the total, whatever happened before this statement.
    .where(
      and(
        eq(invoices.merchantId, merchantId),
        eq(invoices.providerId, invoiceId),
        sql`${next.amountPaid} <= ${invoices.total}`,
      ),
    )
    .returning({ id: invoices.providerId });
  return res.length === 1;
}

type LedgerRow = typeof invoicePayments.$inferSelect;

type Claim =
  | { kind: "charge"; payment: LedgerRow }
  | { kind: "done"; payment: LedgerRow }
  | { kind: "busy"; reason: "same_attempt" | "reserved" };

/**
 * Ledger row → approved/declined, invoice money, transaction cache and audit, in one database transaction (merchant
 * cache lock first, then the invoice row, as every cache write). Settling an already settled row changes nothing.
 */
async function settlePayment(
  merchantId: string,
  invoiceId: string,
  key: string,
  t: Transaction | null,
  verdict: "approved" | "declined",
  responseText: string,
  actor: { label: string; ip?: string },
): Promise<{ amountDue: number; status: string }> {
  return getDb().transaction(async (tx) => {
    await lockMerchantCache(tx, merchantId);
    const inv = await lockInvoice(tx, merchantId, invoiceId);
    if (!inv) throw new Error("local invoice vanished while being paid");
    const [payment] = await tx
      .select()
      .from(invoicePayments)
      .where(and(eq(invoicePayments.merchantId, merchantId), eq(invoicePayments.idempotencyKey, key)))
      .for("update");
    if (payment && payment.status !== "approved" && payment.status !== "declined") {
      let amountPaid = inv.amountPaid;
      let credited = 0;
      if (verdict === "approved" && t) {
        // A partial approval covers the surcharge last: the invoice is credited what the card actually paid for it.
        credited = Math.min(payment.amount, Math.max(0, t.amount - payment.surcharge));
        amountPaid = inv.amountPaid + credited;
      }
      const status = localStatus({
        total: inv.total,
        amountPaid,
        transactionType: inv.transactionType,
        markedPaid: inv.status === "paid" && amountPaid < inv.total,
        lastDeclined: verdict === "declined",
      });
      const amountDue = status === "paid" ? 0 : Math.max(0, inv.total - amountPaid);
      if (!(await writeMoney(tx, merchantId, invoiceId, inv.document, { amountPaid, status, amountDue }))) {
        // Cannot happen while every payment reserves first; if it ever does, keep the charge on record, loudly.
        log().error({ merchantId, invoiceId, credited }, "local invoice payment would exceed the total");
      }
      await tx
        .update(invoicePayments)
        .set({
          status: verdict,
          transactionId: t?.id ?? null,
          responseText,
          amount: verdict === "approved" ? credited : payment.amount,
          updatedAt: new Date(),
        })
        .where(and(eq(invoicePayments.merchantId, merchantId), eq(invoicePayments.idempotencyKey, key)));
      if (t) {
        await upsertTransactions(tx, merchantId, [
          { ...t, invoiceId, surchargeAmount: payment.surcharge, baseAmount: t.amount - payment.surcharge },
        ]);
        await writeAudit(tx, {
          actorLabel: actor.label,
          merchantId,
          action: `invoice.payment.${verdict}`,
          targetType: "transaction",
          targetId: t.id,
          after: {
            invoiceId,
            amount: t.amount,
            invoicePortion: credited,
            surcharge: payment.surcharge,
            status: t.status,
            type: t.type,
            key,
          },
          ip: actor.ip,
        });
      }
    }
    const [after] = await tx
      .select({ amountDue: invoices.amountDue, status: invoices.status })
      .from(invoices)
      .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, invoiceId)));
    return after ?? { amountDue: 0, status: inv.status };
  });
}

export function localStore(merchantId: string, gateway: GatewayAdapter): InvoiceStore {
  const rate = async () => (await getInvoiceSettings({ merchantId })).cardSurchargeRate;

  async function claim(row: InvoiceRow, key: string, req: PayRequest): Promise<Claim> {
    return getDb().transaction(async (tx) => {
      const inv = await lockInvoice(tx, merchantId, row.id);
      if (!inv) throw new UserError("invalid", "This payment link is not valid.");
      const [existing] = await tx
        .select()
        .from(invoicePayments)
        .where(and(eq(invoicePayments.merchantId, merchantId), eq(invoicePayments.idempotencyKey, key)))
        .for("update");
      if (existing) {
        if (existing.status === "approved" || existing.status === "declined")
          return { kind: "done", payment: existing };
        const live = existing.status === "pending" && existing.claimedAt.getTime() > Date.now() - LEASE_MS;
        if (live) return { kind: "busy", reason: "same_attempt" };
        // Its answer was lost: take the attempt over; the adapter asks the gateway by orderid before charging.
        const [taken] = await tx
          .update(invoicePayments)
          .set({ status: "pending", claimedAt: new Date(), updatedAt: new Date() })
          .where(and(eq(invoicePayments.merchantId, merchantId), eq(invoicePayments.idempotencyKey, key)))
          .returning();
        return { kind: "charge", payment: taken! };
      }
      const state = invoiceState(inv);
      if (state === "void") throw new UserError("conflict", "This invoice was cancelled by the merchant.");
      const due = state === "paid" ? 0 : Math.max(0, inv.total - inv.amountPaid);
      const check = validatePayment({ amountDue: due }, req.amount, inv.allowPartialPayment);
      if (!check.ok && due <= 0) throw new UserError("conflict", "This invoice has already been paid in full.");
      if (!check.ok) throw new UserError("invalid", check.error, { amount: [check.error] });
      const reserved = await reservedAmount(tx, merchantId, row.id);
      if (req.amount > due - reserved || (!inv.allowPartialPayment && reserved > 0)) {
        return { kind: "busy", reason: "reserved" };
      }
      const current = await getInvoiceSettings({ merchantId }, tx);
      const p = computeSurchargedPayment(req.amount, req.method, current.cardSurchargeRate);
      const configured = req.method === "card" ? current.cardSurchargeRate : 0;
      if (req.method === "card" && req.surchargeRate !== undefined && req.surchargeRate !== configured) {
        throw new UserError(
          "conflict",
          "The card surcharge of this business has changed since the page was opened. Please review the new total.",
        );
      }
      const [payment] = await tx
        .insert(invoicePayments)
        .values({
          merchantId,
          idempotencyKey: key,
          invoiceId: row.id,
          attemptId: req.attemptId,
          method: req.method,
          status: "pending",
          amount: p.amount,
          surcharge: p.surcharge,
          surchargeRate: p.rate,
        })
        .returning();
      return { kind: "charge", payment: payment! };
    });
  }

  async function release(payment: LedgerRow, status: "unknown" | "declined", responseText: string | null) {
    await getDb()
      .update(invoicePayments)
      .set({ status, responseText, updatedAt: new Date() })
      .where(
        and(
          eq(invoicePayments.merchantId, merchantId),
          eq(invoicePayments.idempotencyKey, payment.idempotencyKey),
          eq(invoicePayments.status, "pending"),
        ),
      );
  }

  async function charge(row: InvoiceRow, payment: LedgerRow, req: PayRequest, ctx: PayContext): Promise<PayOutcome> {
    const settle = (t: Transaction | null, verdict: "approved" | "declined", text: string) =>
      settlePayment(merchantId, row.id, payment.idempotencyKey, t, verdict, text, {
        label: "customer:pay-page",
        ip: ctx.ip,
      });
    const total = payment.amount + payment.surcharge;
    let t: Transaction;
    try {
      t = await gateway.transactions.create({
        type: row.transactionType === "authorize" ? "authorize" : "sale",
        amount: total,
        currency: "USD",
        source: { kind: "token", token: req.paymentToken },
        // No orderId: the adapter derives it from the key, so a retry of this attempt is found, not charged again.
        idempotencyKey: payment.idempotencyKey,
        description: `Invoice ${row.number ?? row.id}`,
        initiatedBy: "customer",
      });
    } catch (err) {
      if (err instanceof Declined) {
        const settled = await settle(err.transaction, "declined", err.reason);
        log().info({ merchantId, invoiceId: row.id, reason: err.reason, ...settled }, "local invoice payment declined");
        return { outcome: "declined", message: customerDeclineMessage(err.reason, row.merchantName) };
      }
      if (err instanceof InvalidRequest) {
        // Refused before anything was charged (a bad or expired token): the reservation is released.
        await release(payment, "declined", err.gatewayMessage ?? err.message);
        throw err;
      }
      // The outcome is unknown (timeout, network): the row stays reserved; the same attempt re-asks by orderid.
      await release(payment, "unknown", null);
      log().warn({ err, merchantId, invoiceId: row.id }, "local invoice payment outcome unknown");
      throw err;
    }
    if (!t.approved) {
      await settle(t, "declined", t.responseText);
      return { outcome: "declined", message: customerDeclineMessage(t.responseText, row.merchantName) };
    }
    const settled = await settle(t, "approved", t.responseText);
    log().info(
      { merchantId, invoiceId: row.id, transactionId: t.id, amount: t.amount, surcharge: payment.surcharge },
      "local invoice paid",
    );
    return { outcome: "approved", paymentId: t.id, amountDue: settled.amountDue, state: settled.status };
  }

  async function answerOf(row: InvoiceRow, p: LedgerRow): Promise<PayOutcome> {
    if (p.status === "approved" && p.transactionId) {
      const [now] = await getDb()
        .select({ amountDue: invoices.amountDue, status: invoices.status })
        .from(invoices)
        .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, row.id)));
      return {
        outcome: "approved",
        paymentId: p.transactionId,
        amountDue: now?.amountDue ?? 0,
        state: now?.status ?? "paid",
      };
    }
    return { outcome: "declined", message: customerDeclineMessage(p.responseText ?? "declined", row.merchantName) };
  }

  const store: InvoiceStore = {
    source: "local",
    merchantId,
    gateway,
    // The CardSecure iFrame tokenizes cards only: a bank account would have to be typed into the portal's page.
    payMethods: gateway.tokenizerConfig().paymentTypes.filter((m) => m === "card"),
    surchargeRate: rate,

    async create(form, within) {
      return numberChecked(form.number, () =>
        getDb().transaction(async (tx) => {
          const number = form.number ?? (await takeLocalInvoiceNumber({ merchantId }, tx));
          const id = `inv_${randomUUID().replace(/-/g, "")}`;
          const { invoice } = localInvoice(id, { ...form, number });
          await upsertInvoices(tx, merchantId, [invoice], "local");
          await within(tx, invoice);
          return invoice;
        }),
      );
    },

    async update(row, form, within) {
      return numberChecked(form.number, () =>
        getDb().transaction(async (tx) => {
          await lockMerchantCache(tx, merchantId);
          const inv = await lockInvoice(tx, merchantId, row.id);
          if (!inv) throw new UserError("invalid", "This invoice no longer exists.");
          const reserved = await reservedAmount(tx, merchantId, row.id);
          const number = form.number ?? row.number ?? (await takeLocalInvoiceNumber({ merchantId }, tx));
          const { invoice } = localInvoice(
            row.id,
            { ...form, number },
            {
              amountPaid: inv.amountPaid,
              status: inv.status as InvoiceStatus,
              createdAt: inv.document.createdAt ?? undefined,
            },
          );
          if (invoice.total < inv.amountPaid + reserved) {
            throw new UserError(
              "invalid",
              reserved
                ? "A payment is in progress; the new total can't be less than what it and earlier payments cover."
                : "The new total can't be less than what the customer has already paid.",
            );
          }
          await upsertInvoices(tx, merchantId, [invoice], "local");
          await within(tx, invoice);
          return invoice;
        }),
      );
    },

    async markPaid(row, within) {
      return getDb().transaction(async (tx) => {
        await lockMerchantCache(tx, merchantId);
        const inv = await lockInvoice(tx, merchantId, row.id);
        if (!inv) throw new UserError("invalid", "This invoice no longer exists.");
        if (await reservedAmount(tx, merchantId, row.id)) {
          throw new UserError("conflict", "A card payment of this invoice is in progress; try again in a minute.");
        }
        await writeMoney(tx, merchantId, row.id, inv.document, {
          amountPaid: inv.amountPaid,
          status: "paid",
          amountDue: 0,
        });
        const invoice: Invoice = { ...inv.document, status: "paid", amountDue: 0 };
        await within(tx, invoice);
        return invoice;
      });
    },

    async discard(row, why) {
      // Nothing lives outside the portal; refuse while a payment is in flight, and close the invoice under its lock
      // so no new payment can start on a void invoice.
      await getDb().transaction(async (tx) => {
        const inv = await lockInvoice(tx, merchantId, row.id);
        if (!inv) return;
        if (await reservedAmount(tx, merchantId, row.id)) {
          throw new UserError("conflict", "A card payment of this invoice is in progress; try again in a minute.");
        }
        if (why === "void") {
          await tx
            .update(invoices)
            .set({ voidedAt: new Date() })
            .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, row.id)));
        }
      });
    },

    async pay(row, req, ctx) {
      if (req.method === "ach" && !store.payMethods.includes("ach")) {
        throw new UserError("invalid", "Bank account payments aren't available for this invoice; pay by card.");
      }
      const key = idempotencyKeyFor("invoice", row.id, req.attemptId);
      const until = Date.now() + WAIT_MS;
      let wait = 100;
      for (;;) {
        const c = await claim(row, key, req);
        if (c.kind === "charge") return charge(row, c.payment, req, ctx);
        if (c.kind === "done") return answerOf(row, c.payment);
        if (Date.now() > until) {
          throw new UserError(
            "conflict",
            c.reason === "same_attempt"
              ? "This payment is still being processed. Wait a moment and press Pay again — you won't be charged twice."
              : `Another payment of this invoice is in progress. Try again in a minute; the amount due is ${formatMoney(row.amountDue, row.currency)} until it completes.`,
          );
        }
        await new Promise((r) => setTimeout(r, wait));
        wait = Math.min(wait * 2, 800);
      }
    },
  };
  return store;
}

/**
 * Reconciliation of local invoices: attempts whose answer was lost (`unknown`, or `pending` past the lease) are
 * asked of the gateway by the orderid their key derives, and settled — a charge found is counted, none releases
 * the reservation.
 */
export async function resolveLostPayments(merchantId: string, gateway: GatewayAdapter): Promise<number> {
  const stale = await getDb()
    .select({ key: invoicePayments.idempotencyKey, invoiceId: invoicePayments.invoiceId })
    .from(invoicePayments)
    .where(
      and(
        eq(invoicePayments.merchantId, merchantId),
        inArray(invoicePayments.status, ["pending", "unknown"]),
        sql`(${invoicePayments.status} = 'unknown' or ${invoicePayments.claimedAt} < now() - make_interval(secs => ${LEASE_MS / 1000}))`,
      ),
    );
  for (const p of stale) {
    const found = await gateway.transactions.search({ orderId: orderIdFor(p.key), limit: 10 });
    const t = found.items.find((x) => x.approved && (x.type === "sale" || x.type === "authorize")) ?? null;
    await settlePayment(
      merchantId,
      p.invoiceId,
      p.key,
      t,
      t ? "approved" : "declined",
      t ? t.responseText : "Not charged (found by reconciliation)",
      { label: "system:reconcile" },
    );
  }
  return stale.length;
}
