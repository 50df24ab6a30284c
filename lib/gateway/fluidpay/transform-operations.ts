import type {
  AmountCalculationInput,
  AmountLine,
  AmountQuote,
  Batch,
  BatchQuery,
  BatchSearchResult,
  FeeLookupInput,
  FeeQuote,
  FileBatch,
  Terminal,
  TerminalRun,
  Transaction,
} from "../types";
import type { WireAmounts, WireBatch, WireBatchSearch, WireFeeLookup, WireFileBatch, WireTerminal } from "./schemas";
import { cents, isoDate, isoTime, text, wireSearchTime } from "./transform-shared";

/** Terminals, settlement batches, file batches, fees and amount calculation ↔ domain. */

export function toTerminal(w: WireTerminal): Terminal {
  // auth_key is a device secret: deliberately not carried into the domain.
  return {
    id: w.id,
    manufacturer: text(w.manufacturer),
    model: text(w.model),
    serialNumber: text(w.serial_number),
    tpn: text(w.tpn),
    description: text(w.description),
    status: text(w.status) ?? "unknown",
    registerId: text(w.register_id),
    autoSettle: w.auto_settle ?? false,
    settleAt: text(w.settle_at),
    createdAt: isoTime(w.created_at),
    updatedAt: isoTime(w.updated_at),
  };
}

/** Where a card-present transaction stands, from the transaction the gateway reports. */
export function toTerminalRun(t: Transaction): TerminalRun {
  if (t.status === "pending" || t.status === "unknown") {
    // 99 = waiting for the payer (pending payment); anything else pending = the device is working on it.
    return {
      transactionId: t.id,
      state: t.responseCode === 99 || t.responseCode === 0 ? "waiting" : "processing",
      transaction: t,
      message: null,
    };
  }
  if (t.approved) return { transactionId: t.id, state: "approved", transaction: t, message: t.responseText };
  const state = t.responseCode >= 400 ? "error" : "declined";
  return { transactionId: t.id, state, transaction: t, message: t.responseText };
}

export function toBatch(w: WireBatch): Batch {
  return {
    id: w.id,
    batchDate: isoTime(w.batch_date),
    batchNumber: w.batch_number ?? null,
    processorId: text(w.processor_id),
    processorName: text(w.processor_name),
    transactionCount: cents(w.num_transactions),
    capturedAmount: cents(w.amount_captured),
    creditAmount: cents(w.amount_credit),
    netDeposit: cents(w.net_deposit ?? (w.amount_captured ?? 0) - (w.amount_credit ?? 0)),
    responseCode: w.response_code ?? null,
    responseMessage: text(w.response_message),
  };
}

export function toBatchSearchResult(w: WireBatchSearch, limit: number, offset: number): BatchSearchResult {
  const batches = (w.data.results ?? []).map(toBatch);
  return {
    items: batches,
    totalCount: w.total_count ?? batches.length,
    limit,
    offset,
    summary: (w.data.summary ?? []).map((s) => ({
      batchDate: isoDate(s.batch_date) ?? s.batch_date,
      processorId: text(s.processor_id),
      processorName: text(s.processor_name),
      transactionCount: cents(s.num_transactions),
      capturedAmount: cents(s.captured),
      creditAmount: cents(s.credit),
    })),
  };
}

export function toBatchSearchBody(q: BatchQuery, limit: number, offset: number) {
  return {
    batch_date:
      q.from || q.to
        ? {
            start_date: wireSearchTime(q.from ?? "2000-01-01T00:00:00Z"),
            end_date: wireSearchTime(q.to ?? new Date(Date.now() + 86_400_000).toISOString()),
          }
        : undefined,
    settlement_batch_id: q.batchId ? { operator: "=", value: q.batchId } : undefined,
    limit,
    offset,
  };
}

export function toFileBatch(w: WireFileBatch): FileBatch {
  const s = w.status.toLowerCase();
  const status: FileBatch["status"] =
    s === "pending" || s === "processing" || s === "completed" || s === "failed"
      ? s
      : s === "complete"
        ? "completed"
        : "unknown";
  return { id: w.id, status, lineCount: w.num_lines ?? null, processedLines: w.processed_lines ?? null };
}

export function toFeeLookupBody(input: FeeLookupInput) {
  return {
    type: "integrations",
    type_id: "",
    state: input.state ?? "",
    bin: input.bin.replace(/\D/g, ""),
    payment_method: input.paymentMethod ?? "card",
    base_amount: input.baseAmount,
  };
}

export function toFeeQuote(w: WireFeeLookup, baseAmount: number): FeeQuote {
  const surcharge = cents(w.surcharge);
  const serviceFee = cents(w.service_fee);
  const t = (w.payment_adjustment?.type ?? "").toLowerCase();
  return {
    baseAmount,
    // requested_amount is the gateway's own total; fall back to the sum when an account omits it.
    totalAmount: w.requested_amount ?? baseAmount + surcharge + serviceFee,
    surcharge,
    serviceFee,
    discount: cents(w.discount_amount),
    paymentAdjustment: {
      type: t === "flat" || t === "percentage" ? t : null,
      value: cents(w.payment_adjustment?.value),
    },
  };
}

const flat = (value: number | undefined) => (value === undefined ? undefined : { type: "flat", value, include: true });

export function toAmountsBody(input: AmountCalculationInput) {
  return {
    processor_id: input.processorId,
    amount: input.amount,
    subtotal: input.subtotal ?? input.amount,
    currency: (input.currency ?? "USD").toUpperCase(),
    payment_method: input.paymentMethod,
    transaction_type: input.transactionType === "authorize" ? "auth" : input.transactionType,
    cc_bin: input.bin,
    state: input.state,
    country: input.country,
    tax_amount: flat(input.taxAmount),
    shipping_amount: flat(input.shippingAmount),
    tip_amount: flat(input.tipAmount),
  };
}

function numberish(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

export function toAmountQuote(w: WireAmounts): AmountQuote {
  const display = w.display ?? {};
  const lines: AmountLine[] = [];
  const valueOf = (key: string, fallback: unknown): number => {
    const d = display[key];
    if (d && typeof d === "object" && "value" in d && typeof d.value === "number") return d.value;
    return numberish(fallback);
  };
  for (const [key, d] of Object.entries(display)) {
    if (d && typeof d === "object" && "value" in d && typeof d.value === "number") {
      lines.push({ key, amount: d.value, display: d.display === true });
    }
  }
  return {
    subtotal: cents(w.subtotal),
    amount: cents(w.amount),
    tax: valueOf("tax", w.tax_amount),
    shipping: valueOf("shipping", w.shipping_amount),
    tip: valueOf("tip", w.tip_amount),
    discount: valueOf("discount", w.discount_amount),
    surcharge: valueOf("surcharge", w.surcharge),
    serviceFee: valueOf("service_fee", w.service_fee),
    total: w.total,
    lines,
    disclosure: {
      text: text(w.disclaimer?.text) ?? "",
      html: text(w.disclaimer?.html) ?? "",
      display: w.disclaimer?.display ?? false,
    },
    features: {
      surcharge: w.features?.surcharge ?? false,
      cashDiscount: w.features?.cash_discount ?? false,
      dualPricing: (w.features?.dual_pricing ?? false) || (w.features?.dual_pricing_v2 ?? false),
    },
  };
}
