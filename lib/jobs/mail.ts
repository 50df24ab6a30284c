import { log } from "@/lib/log";
import { deliverMessage } from "@/lib/services/mail/deliver";
import { mailBoss, mailQueue, startedMailBoss } from "@/lib/services/mail/queue";

/**
 * The `mail-send` queue's worker: one job per message of the delivery log (its job id is the message id; queued by
 * `enqueueMail` in the caller's transaction, lib/services/mail/send.ts and queue.ts). A retry is thrown back to
 * pg-boss, which runs it again with exponential backoff; the last retry, or a 5xx answer, marks the message failed.
 */

interface MailJob {
  messageId: string;
}

/** Registers the delivery worker in this process (web process by default, or `npm run worker`). */
export async function startMailWorkers(): Promise<void> {
  const boss = await mailBoss();
  await boss.work<MailJob>(
    mailQueue(),
    { includeMetadata: true, pollingIntervalSeconds: 1, batchSize: 1 },
    async ([job]) => {
      if (!job) return;
      const final = job.retryCount >= job.retryLimit;
      const outcome = await deliverMessage(job.data.messageId, { final });
      if (outcome.kind === "retry") throw new Error(`mail delivery will be retried: ${outcome.response}`);
      if (outcome.kind === "failed") log().warn({ messageId: job.data.messageId }, "mail delivery failed for good");
    },
  );
}

export async function stopMailWorkers(): Promise<void> {
  const p = startedMailBoss();
  if (!p) return;
  const boss = await p.catch(() => undefined);
  await boss?.offWork(mailQueue());
}
