import { formatDay } from "@/lib/dates";
import type { Address } from "@/lib/gateway/types";
import { statusOptions } from "@/components/ui/status-badge";

export const STATE_LABELS: Record<string, string> = statusOptions("invoice");

/** A calendar date (the due date is stored as the end of that day, UTC). */
export function formatDueDate(d: Date | string | null | undefined): string {
  return formatDay(d ? new Date(d) : null, "UTC");
}

export function addressBlock(a: Partial<Address> | null | undefined): string[] {
  if (!a) return [];
  const name = [a.firstName, a.lastName].filter(Boolean).join(" ");
  const cityLine = [a.city, [a.state, a.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return [name, a.company, a.line1, a.line2, cityLine, a.email, a.phone].filter((l): l is string => !!l && !!l.trim());
}

/** What people call an invoice: its number; one without a number yet is a draft, never its internal id. */
export function invoiceTitle(inv: { number: string | null }): string {
  return inv.number ? `#${inv.number}` : "Draft (no number yet)";
}
