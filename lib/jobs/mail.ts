import { startDeliveryWorker, stopDeliveryWorker } from "@/lib/jobs/delivery-worker";
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
  await startDeliveryWorker<MailJob>(await mailBoss(), mailQueue(), "mail delivery", (job, opts) =>
    deliverMessage(job.messageId, opts),
  );
}

export async function stopMailWorkers(): Promise<void> {
  await stopDeliveryWorker(startedMailBoss(), mailQueue());
}
