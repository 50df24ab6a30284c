/**
 * The events the portal sends to a merchant's own systems. `deposit.*` and `exception.*` are emitted by the
 * reconciliation (issue 20 item 1); the rest by the cache sync (lib/sync), so a change made in the portal, by a
 * gateway webhook or found by reconciliation is announced once, in the transaction that records it.
 */
export const WEBHOOK_EVENT_TYPES = [
  "payment.created",
  "payment.updated",
  "refund.created",
  "refund.updated",
  "invoice.created",
  "invoice.updated",
  "invoice.paid",
  "subscription.created",
  "subscription.updated",
  "subscription.canceled",
  "deposit.created",
  "deposit.reconciled",
  "exception.created",
  "exception.resolved",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only by "Send test event"; every endpoint receives it whatever it subscribed to. */
export const TEST_EVENT_TYPE = "test.ping";

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "payment.created": "A payment was made (approved or declined)",
  "payment.updated": "A payment changed status (captured, voided, settled)",
  "refund.created": "A refund was made",
  "refund.updated": "A refund changed status",
  "invoice.created": "An invoice was created",
  "invoice.updated": "An invoice changed status",
  "invoice.paid": "An invoice was paid in full",
  "subscription.created": "A subscription started",
  "subscription.updated": "A subscription changed status",
  "subscription.canceled": "A subscription was cancelled",
  "deposit.created": "A deposit (funding) arrived",
  "deposit.reconciled": "A deposit was reconciled",
  "exception.created": "A reconciliation exception was raised",
  "exception.resolved": "A reconciliation exception was resolved",
};

export function isWebhookEventType(v: string): v is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(v);
}
