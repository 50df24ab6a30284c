"use client";

import { useRouter } from "next/navigation";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { resendDeliveryAction } from "@/lib/actions/webhooks";

/** Resend one delivery's event (same event id, so a receiver that dedupes processes it once). */
export function ResendButton({
  merchantId,
  deliveryId,
  eventType,
}: {
  merchantId: string;
  deliveryId: string;
  eventType: string;
}) {
  const router = useRouter();
  return (
    <ConfirmActionButton
      size="sm"
      variant="secondary"
      label="Resend"
      title="Send this event again?"
      confirmLabel="Resend"
      action={() => resendDeliveryAction({ merchantId, deliveryId })}
      onDone={() => router.refresh()}
    >
      <p>
        The <span className="font-mono">{eventType}</span> event is sent again with the same event id, so a receiver
        that skips ids it has seen will not process it twice.
      </p>
    </ConfirmActionButton>
  );
}
