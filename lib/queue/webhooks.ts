import type PgBoss from "pg-boss";
import type { DbOrTx } from "@/db/client";
import { env } from "@/lib/env";
import { bossWithQueue, deadLetterOf, startedBossWithQueue, txExecutor } from "@/lib/queue/boss";

/**
 * The `webhook-deliver` queue (WEBHOOK_QUEUE): one job per delivery, whose job id is the delivery id, inserted in the
 * transaction that writes the event (./emit.ts). A failed attempt is thrown back to pg-boss, which retries with
 * exponential backoff from WEBHOOK_RETRY_DELAY_SECONDS (30 s, 1 min, 2 min, … about 4 hours in all); the last retry
 * marks the delivery failed, and a person can resend it.
 */
export const WEBHOOK_RETRY_LIMIT = 9;

export const webhookQueue = () => env().WEBHOOK_QUEUE;

export async function webhookBoss(): Promise<PgBoss> {
  return bossWithQueue(webhookQueue(), { policy: "standard", retryBackoff: true });
}

export function startedWebhookBoss(): Promise<PgBoss> | null {
  return startedBossWithQueue(webhookQueue());
}

export interface WebhookJob {
  deliveryId: string;
}

/** Queues the deliveries' jobs in the caller's transaction (one statement). */
export async function enqueueDeliveries(db: DbOrTx, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  const boss = await webhookBoss();
  const name = webhookQueue();
  await boss.insert(
    deliveryIds.map((id) => ({
      id,
      name,
      data: { deliveryId: id } satisfies WebhookJob,
      retryLimit: WEBHOOK_RETRY_LIMIT,
      retryDelay: env().WEBHOOK_RETRY_DELAY_SECONDS,
      retryBackoff: true,
      expireInSeconds: 120,
      deadLetter: deadLetterOf(name),
    })),
    { db: txExecutor(db) },
  );
}
