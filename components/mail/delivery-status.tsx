import { StatusBadge, statusOptions } from "@/components/ui/status-badge";

/** Where a message is in its delivery: queued → (sending) → sent, or retrying → failed after the last attempt. */
export function DeliveryStatus({ status }: { status: string }) {
  return <StatusBadge kind="delivery" status={status} data-testid="delivery-status" />;
}

export const DELIVERY_STATUS_LABELS = statusOptions("delivery");
