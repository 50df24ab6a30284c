import type PgBoss from "pg-boss";
import type { DbOrTx } from "@/db/client";
import { bossWithQueue, startedBossWithQueue, txExecutor } from "@/lib/queue/boss";
import { env } from "@/lib/env";

/**
 * The `mail-send` queue (MAIL_QUEUE), the sending side: one job per message of the delivery log, whose job id IS the
 * message id — enqueuing a message twice inserts one job. The worker (lib/jobs/mail.ts) skips a message already sent
 * (idempotent per message id). Transient failures (connection refused, timeouts, 4xx answers) are retried with
 * exponential backoff starting at MAIL_RETRY_DELAY_SECONDS; a 5xx answer or the last retry marks the message failed.
 */
export const MAIL_RETRY_LIMIT = 9;

/** "mail-send" (MAIL_QUEUE; tests give each file its own). */
export const mailQueue = () => env().MAIL_QUEUE;

/** The pg-boss client with this process's mail queue created. */
export async function mailBoss(): Promise<PgBoss> {
  // Each message is its own job (standard policy); one that exhausts its retries moves to `<queue>-dead`.
  return bossWithQueue(mailQueue(), { policy: "standard", retryBackoff: true });
}

/** The mail queue's pg-boss client if this process has one (null before the first use). */
export function startedMailBoss(): Promise<PgBoss> | null {
  return startedBossWithQueue(mailQueue());
}

export async function enqueueMailJob(db: DbOrTx, messageId: string): Promise<void> {
  const boss = await mailBoss();
  await boss.send(
    mailQueue(),
    { messageId },
    {
      id: messageId,
      db: txExecutor(db),
      retryLimit: MAIL_RETRY_LIMIT,
      retryDelay: env().MAIL_RETRY_DELAY_SECONDS,
      retryBackoff: true,
      expireInSeconds: 300,
    },
  );
}
