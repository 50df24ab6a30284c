import { startDeliveryWorker, stopDeliveryWorker } from "@/lib/jobs/delivery-worker";
import { deliverWebhook } from "@/lib/services/webhooks/deliver";
import { startedWebhookBoss, webhookBoss, webhookQueue, type WebhookJob } from "@/lib/queue/webhooks";

/**
 * The `webhook-deliver` queue's worker: one job per delivery (queued with the event by emitMerchantEvent). A failed
 * attempt is thrown back to pg-boss, which retries it with exponential backoff; the last one marks it failed.
 */
export async function startWebhookWorkers(): Promise<void> {
  await startDeliveryWorker<WebhookJob>(await webhookBoss(), webhookQueue(), "webhook delivery", (job, opts) =>
    deliverWebhook(job.deliveryId, opts),
  );
}

export async function stopWebhookWorkers(): Promise<void> {
  await stopDeliveryWorker(startedWebhookBoss(), webhookQueue());
}
