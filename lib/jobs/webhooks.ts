import { log } from "@/lib/log";
import { deliverWebhook } from "@/lib/services/webhooks/deliver";
import { startedWebhookBoss, webhookBoss, webhookQueue, type WebhookJob } from "@/lib/queue/webhooks";

/**
 * The `webhook-deliver` queue's worker: one job per delivery (queued with the event by emitMerchantEvent). A failed
 * attempt is thrown back to pg-boss, which retries it with exponential backoff; the last one marks it failed.
 */
export async function startWebhookWorkers(): Promise<void> {
  const boss = await webhookBoss();
  await boss.work<WebhookJob>(
    webhookQueue(),
    { includeMetadata: true, pollingIntervalSeconds: 1, batchSize: 1 },
    async ([job]) => {
      if (!job) return;
      const final = job.retryCount >= job.retryLimit;
      const outcome = await deliverWebhook(job.data.deliveryId, { final });
      if (outcome.kind === "retry") throw new Error(`webhook delivery will be retried: ${outcome.response}`);
      if (outcome.kind === "failed")
        log().warn({ deliveryId: job.data.deliveryId }, "webhook delivery failed for good");
    },
  );
}

export async function stopWebhookWorkers(): Promise<void> {
  const p = startedWebhookBoss();
  if (!p) return;
  const boss = await p.catch(() => undefined);
  await boss?.offWork(webhookQueue());
}
