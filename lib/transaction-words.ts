/** Words for transaction values, shared by the screens, receipts and emails (no React, no database). */

export const TYPE_LABELS: Record<string, string> = {
  sale: "Sale",
  authorize: "Authorization",
  verification: "Verification",
  credit: "Credit",
  refund: "Refund",
};

export const METHOD_LABELS: Record<string, string> = {
  card: "Card",
  ach: "ACH",
  terminal: "Terminal",
  unknown: "Other",
};

const BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "Amex",
  discover: "Discover",
  jcb: "JCB",
  diners: "Diners",
};

export function brandLabel(brand: string | null | undefined): string {
  return (brand && BRANDS[brand]) || "Card";
}

/** "Visa •••• 1111", "ACH •••• 6789". */
export function methodSummary(t: { methodKind: string; cardBrand: string | null; lastFour: string | null }): string {
  const tail = t.lastFour ? ` •••• ${t.lastFour}` : "";
  if (t.methodKind === "ach") return `ACH${tail}`;
  if (t.methodKind === "card" || t.methodKind === "terminal") return `${brandLabel(t.cardBrand)}${tail}`;
  return METHOD_LABELS[t.methodKind] ?? t.methodKind;
}

/** What a transaction receipt says (print view and email), already formatted; the card masked. */
export interface ReceiptLines {
  /** "Sale", "Refund"… */
  kind: string;
  /** Formatted amounts: before the tip, the tip (null without one) and what was charged. */
  subtotal: string;
  tip: string | null;
  total: string;
  /** Masked: "Visa •••• 1111". Never a full card number. */
  method: string;
  at: string;
  transactionId: string;
  authCode: string | null;
  status: string;
  /** `data:` URL of the customer's signature (an image), when one was captured. */
  signatureUrl: string | null;
}

/** The receipt's label/value rows, in the order every receipt shows them. */
export function receiptRows(r: ReceiptLines): [string, string][] {
  return [
    ...(r.tip
      ? ([
          ["Amount", r.subtotal],
          ["Tip", r.tip],
        ] as [string, string][])
      : []),
    ["Total", r.total],
    ["Type", r.kind],
    ["Card", r.method],
    ["Date", r.at],
    ["Status", r.status],
    ...(r.authCode ? ([["Auth code", r.authCode]] as [string, string][]) : []),
    ["Transaction", r.transactionId],
  ];
}
