import { StatusBadge } from "@/components/ui/status-badge";

export function SubscriptionStatusBadge({ status }: { status: string }) {
  return <StatusBadge kind="subscription" status={status} />;
}
