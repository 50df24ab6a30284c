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
