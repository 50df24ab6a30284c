import { StatusBadge } from "@/components/ui/status-badge";

export function InvoiceStateBadge({ state, overdue = false }: { state: string; overdue?: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <StatusBadge kind="invoice" status={state} />
      {overdue ? <StatusBadge kind="invoice" status="overdue" /> : null}
    </span>
  );
}
