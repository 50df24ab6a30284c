import { brandLabel } from "@/components/transactions/format";

/** Words for vault rows, shared by the list and the customer page. */

export function customerTitle(c: { name: string | null; company: string | null; email: string | null; id: string }) {
  return c.name || c.company || c.email || `Customer ${c.id}`;
}

export function storedMethodLabel(m: {
  kind: string;
  cardBrand: string | null;
  lastFour: string | null;
  accountType?: string | null;
}): string {
  const tail = m.lastFour ? ` •••• ${m.lastFour}` : "";
  if (m.kind === "ach") return `${m.accountType === "savings" ? "Savings" : "Checking"}${tail}`;
  return `${brandLabel(m.cardBrand)}${tail}`;
}

export function addressLines(a: {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}): string[] {
  const name = [a.firstName, a.lastName].filter(Boolean).join(" ");
  const cityLine = [a.city, [a.state, a.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return [name, a.company, a.line1, a.line2, cityLine, a.country && a.country !== "US" ? a.country : null].filter(
    (s): s is string => Boolean(s),
  );
}
