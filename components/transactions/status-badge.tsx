import { StatusBadge as Badge } from "@/components/ui/status-badge";

export function StatusBadge({ status }: { status: string }) {
  return <Badge kind="transaction" status={status} />;
}
