import type { DepositLineRecord } from "@/db/schema/reconciliation";
import { type Cents, subtractCents, sumCents } from "@/lib/money";

/**
 * The one module that computes what a deposit should be (issue 20 §1), in integer cents. Pure: the reconciliation
 * job, the pages and the property test all call it.
 *
 *   expected = Σ batches' net (sales − refunds) − fees + adjustments (signed) − chargebacks
 */

/** A settled transaction as far as a deposit is concerned. */
export interface SettledItem {
  transactionId: string;
  batchId: string | null;
  /** `credit` and `refund` take money back out of the batch. */
  kind: "sale" | "refund";
  /** Settled amount, cents, never negative. */
  amount: Cents;
}

export interface DepositFigures {
  /** Net per batch (sales − refunds), as the portal computed or cached it. */
  batches: Array<{ id: string; net: Cents }>;
  /** Costs as positive cents. */
  fees: Cents;
  /** Signed: negative is taken from the deposit. */
  adjustments: Cents;
  /** Positive: taken from the deposit. */
  chargebacks: Cents;
}

/** A cached or gateway transaction as a settled item of its batch (returned ACH never reaches the deposit). */
export function settledItemOf(t: {
  id: string;
  type: string;
  status: string;
  batchId: string | null;
  settledAmount: Cents;
  capturedAmount: Cents;
}): SettledItem | null {
  if (!t.batchId || t.status === "returned" || t.status === "voided" || t.status === "declined") return null;
  return {
    transactionId: t.id,
    batchId: t.batchId,
    kind: t.type === "refund" || t.type === "credit" ? "refund" : "sale",
    amount: t.settledAmount || t.capturedAmount,
  };
}

/** Net of a batch from its settled items: sales − refunds. */
export function batchNet(items: Iterable<Pick<SettledItem, "kind" | "amount">>): Cents {
  const sales: Cents[] = [];
  const refunds: Cents[] = [];
  for (const i of items) (i.kind === "refund" ? refunds : sales).push(i.amount);
  return subtractCents(sumCents(sales), sumCents(refunds));
}

export function batchesNet(batches: DepositFigures["batches"]): Cents {
  return sumCents(batches.map((b) => b.net));
}

export function expectedDeposit(f: DepositFigures): Cents {
  return subtractCents(sumCents([batchesNet(f.batches), f.adjustments]), sumCents([f.fees, f.chargebacks]));
}

/** Lines that add up to `expected`: one per settled item, then chargebacks, fees and adjustments. */
export function depositLines(input: {
  items: SettledItem[];
  chargebacks: Array<{ transactionId: string | null; amount: Cents; label: string }>;
  fees: Array<{ amount: Cents; label: string }>;
  adjustments: Array<{ amount: Cents; label: string }>;
}): DepositLineRecord[] {
  return [
    ...input.items.map((i) => ({
      kind: i.kind,
      amount: i.kind === "refund" ? -i.amount : i.amount,
      transactionId: i.transactionId,
      batchId: i.batchId,
      label: i.kind === "refund" ? "Refund" : "Sale",
    })),
    ...input.chargebacks.map((c) => ({
      kind: "chargeback" as const,
      amount: -c.amount,
      transactionId: c.transactionId,
      batchId: null,
      label: c.label,
    })),
    ...input.fees
      .filter((f) => f.amount !== 0)
      .map((f) => ({
        kind: "fee" as const,
        amount: -f.amount,
        transactionId: null,
        batchId: null,
        label: f.label,
      })),
    ...input.adjustments.map((a) => ({
      kind: "adjustment" as const,
      amount: a.amount,
      transactionId: null,
      batchId: null,
      label: a.label,
    })),
  ];
}

export function linesTotal(lines: Pick<DepositLineRecord, "amount">[]): Cents {
  return sumCents(lines.map((l) => l.amount));
}
