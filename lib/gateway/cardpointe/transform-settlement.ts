import { subtractCents, sumCents } from "@/lib/money";
import type { Batch, BatchDaySummary, CardBrand, Cents, IsoDate } from "../types";
import type { WireBatch, WireFunding } from "./schemas";
import { brandOfCode, toCents } from "./transform";

/** settlestat's `hoststat` in words. */
const HOSTSTAT: Record<string, string> = {
  "": "Queued",
  GB: "Accepted",
  MB: "Accepted with some orders rejected",
  BB: "All orders rejected",
  RB: "Batch rejected",
  EB: "Empty batch",
  SB: "Sent, not confirmed",
  ND: "No confirmation received",
};

export function toBatch(w: WireBatch, closeDay: IsoDate | null): Batch {
  const captured = toCents(w.chargetotal);
  const credit = toCents(w.refundtotal);
  const host = (w.hoststat ?? "").toUpperCase();
  const hostbatch = Number(w.hostbatch);
  return {
    id: w.batchid,
    batchDate: closeDay ? `${closeDay}T00:00:00.000Z` : null,
    batchNumber: w.hostbatch && Number.isSafeInteger(hostbatch) ? hostbatch : null,
    processorId: w.respproc ?? null,
    processorName: w.respproc ?? null,
    transactionCount: w.txns.length,
    capturedAmount: captured,
    creditAmount: credit,
    netDeposit: subtractCents(captured, credit),
    responseCode: null,
    responseMessage: HOSTSTAT[host] ?? host ?? null,
  };
}

export function toDaySummaries(batches: Batch[]): BatchDaySummary[] {
  const byDay = new Map<string, BatchDaySummary>();
  for (const b of batches) {
    const day = b.batchDate?.slice(0, 10);
    if (!day) continue;
    const key = `${day}|${b.processorId ?? ""}`;
    const s = byDay.get(key) ?? {
      batchDate: day,
      processorId: b.processorId,
      processorName: b.processorName,
      transactionCount: 0,
      capturedAmount: 0,
      creditAmount: 0,
    };
    s.transactionCount += b.transactionCount;
    s.capturedAmount = sumCents([s.capturedAmount, b.capturedAmount]);
    s.creditAmount = sumCents([s.creditAmount, b.creditAmount]);
    byDay.set(key, s);
  }
  return [...byDay.values()].sort((a, b) => b.batchDate.localeCompare(a.batchDate));
}

// ---------------------------------------------------------------------------------------------------------
// Funding (CardPointe-specific: the neutral interface has no deposits)

export interface FundingQuery {
  /** One funding day (YYYY-MM-DD), or a range with from/to. */
  date?: IsoDate;
  from?: IsoDate;
  to?: IsoDate;
}

export interface DepositLine {
  transactionId: string;
  batchId: string | null;
  type: "sale" | "refund" | "other";
  amount: Cents;
  /** Interchange unit + percentage fees charged on this line (positive = cost). */
  interchangeFee: Cents;
  brand: CardBrand | null;
  /** Masked as the gateway gives it (first six + last four); never a full number. */
  maskedNumber: string | null;
  orderId: string | null;
}

export interface DepositAdjustment {
  id: string | null;
  category: string | null;
  type: string | null;
  description: string | null;
  /** Signed: negative is taken from the deposit. */
  amount: Cents;
}

export interface DepositChargeback {
  id: string | null;
  transactionId: string | null;
  /** Taken from the deposit (positive = debit). */
  amount: Cents;
  reasonCode: string | null;
  reason: string | null;
  caseNumber: string | null;
  date: IsoDate | null;
}

export interface Deposit {
  id: string;
  fundingDate: IsoDate | null;
  currency: string;
  netSales: Cents;
  /** Costs as positive numbers. */
  interchangeFees: Cents;
  serviceCharges: Cents;
  otherFees: Cents;
  reversals: Cents;
  /** Signed sum of adjustments (batch fees are negative). */
  adjustmentsTotal: Cents;
  /** What reaches the bank account. */
  totalFunding: Cents;
  /** Masked bank account the deposit went to. */
  bankAccount: string | null;
  batchIds: string[];
  lines: DepositLine[];
  adjustments: DepositAdjustment[];
  chargebacks: DepositChargeback[];
  /** Sum of the chargebacks (positive = taken from the deposit). */
  chargebacksTotal: Cents;
}

const abs = (c: Cents) => (c < 0 ? -c : c);

export function toDeposits(w: Exclude<WireFunding, { errormsg: string }>): Deposit[] {
  return w.fundings.map((f) => {
    const lines: DepositLine[] = w.txns
      .filter((t) => !t.fundingid || t.fundingid === f.fundingid)
      .map((t) => {
        const kind = (t.type ?? "").toUpperCase();
        return {
          transactionId: t.retref,
          batchId: t.batchid ?? null,
          type: kind === "SALE" ? "sale" : kind === "REFUND" ? "refund" : "other",
          amount: toCents(t.amount),
          interchangeFee: sumCents([toCents(t.interchangeunitfee), toCents(t.interchangepercentfee)]),
          brand: brandOfCode(t.cardbrand ?? t.cardtype),
          maskedNumber: t.cardnumber && /^\d{0,6}\*+\d{0,4}$/.test(t.cardnumber) ? t.cardnumber : null,
          orderId: t.invoicenumber ?? null,
        };
      });
    const adjustments: DepositAdjustment[] = w.adjustments
      .filter((a) => !a.fundingid || a.fundingid === f.fundingid)
      .map((a) => ({
        id: a.fundingadjustmentid ?? null,
        category: a.category ?? null,
        type: a.type ?? null,
        description: a.description ?? null,
        amount: toCents(a.amount),
      }));
    const chargebacks: DepositChargeback[] = w.chargebacks
      .filter((c) => !c.fundingmasterid || !f.fundingmasterid || c.fundingmasterid === f.fundingmasterid)
      .map((c) => ({
        id: c.fundingchargebackid ?? null,
        transactionId: c.retref ?? null,
        amount: abs(toCents(c.amount)),
        reasonCode: c.reasoncode ?? null,
        reason: c.reasondescription ?? null,
        caseNumber: c.casenumber ?? null,
        date: c.chargebackdate ?? null,
      }));
    return {
      id: f.fundingid,
      fundingDate: f.fundingdate ?? null,
      currency: (f.currency ?? "USD").toUpperCase(),
      netSales: toCents(f.netsales),
      interchangeFees: abs(toCents(f.interchangefee)),
      serviceCharges: abs(toCents(f.servicecharge)),
      otherFees: abs(toCents(f.fee)),
      reversals: toCents(f.reversal),
      adjustmentsTotal: sumCents([toCents(f.adjustment), toCents(f.otheradjustment)]),
      totalFunding: toCents(f.totalfunding),
      bankAccount: f.ddanumber ?? null,
      batchIds: [...new Set(lines.map((l) => l.batchId).filter((b): b is string => Boolean(b)))],
      lines,
      adjustments,
      chargebacks,
      chargebacksTotal: sumCents(chargebacks.map((c) => c.amount)),
    };
  });
}
