import { type Channel, channelOf } from "./channel";

/**
 * What one cached transaction adds to the daily rollups. The sync applies `new − old` whenever a
 * row changes, so rollups always equal an aggregation over the cached rows (a property test checks
 * exactly that).
 */
export interface RollupSource {
  type: string;
  status: string;
  approved: boolean;
  amount: number;
  authorizedAmount: number;
  capturedAmount: number;
  settledAmount: number;
  surchargeAmount: number;
  currency: string;
  methodKind: string;
  cardBrand: string | null;
  entryType: string | null;
  responseText: string | null;
  providerCreatedAt: Date;
  channel?: string | null;
  invoiceId?: string | null;
  subscriptionId?: string | null;
}

export interface Contribution {
  day: string;
  currency: string;
  grossVolume: number;
  transactionCount: number;
  approvedCount: number;
  declinedCount: number;
  refundAmount: number;
  refundCount: number;
  settledAmount: number;
  surchargeAmount: number;
  brand: string;
  entryMode: string;
  declineReason: string | null;
  channel: Channel;
}

const MONEY_MOVED = new Set(["authorized", "pending_settlement", "settled", "refunded", "partially_refunded"]);
const CHARGES = new Set(["sale", "authorize"]);
const REFUNDS = new Set(["refund", "credit"]);

export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function contributionOf(t: RollupSource): Contribution {
  const isCharge = CHARGES.has(t.type);
  const isRefund = REFUNDS.has(t.type);
  const moved = MONEY_MOVED.has(t.status);
  const gross = isCharge && moved ? t.capturedAmount || t.authorizedAmount || t.amount : 0;
  const declined = t.status === "declined";
  return {
    day: utcDay(t.providerCreatedAt),
    currency: t.currency.toUpperCase(),
    grossVolume: gross,
    transactionCount: isRefund ? 0 : 1,
    approvedCount: isCharge && t.approved && !declined ? 1 : 0,
    declinedCount: declined ? 1 : 0,
    refundAmount: isRefund && t.approved && !declined && t.status !== "voided" ? t.amount : 0,
    refundCount: isRefund && t.approved && !declined && t.status !== "voided" ? 1 : 0,
    settledAmount: isCharge ? t.settledAmount : 0,
    surchargeAmount: moved ? t.surchargeAmount : 0,
    brand: t.methodKind === "ach" ? "ach" : (t.cardBrand ?? "unknown"),
    entryMode: t.entryType ?? (t.methodKind === "terminal" ? "card_present" : "keyed"),
    declineReason: declined ? (t.responseText?.trim() || "unknown").slice(0, 120) : null,
    channel: channelOf(t),
  };
}
