import { statusOptions } from "@/components/ui/status-badge";
/** Words for cache values, shared by the list, the detail page and the terminal console. */

export const STATUS_LABELS: Record<string, string> = statusOptions("transaction");

export { brandLabel, METHOD_LABELS, methodSummary, TYPE_LABELS } from "@/lib/transaction-words";

/** The one date formatter (explicit time zone), re-exported where the screens have always found it. */
export { formatDateTime } from "@/lib/dates";
