import { StatusBadge } from "@/components/ui/status-badge";

export function BillingStatusBadge({ status, kind }: { status: string; kind: "plan" | "payment" }) {
  return <StatusBadge kind={kind} status={status} />;
}
