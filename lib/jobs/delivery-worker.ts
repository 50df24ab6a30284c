import type PgBoss from "pg-boss";
import { log } from "@/lib/log";

/** What a delivery attempt ended in: "retry" and "failed" carry the receiver's answer (other kinds are done). */
type Outcome = { kind: string; response?: string };

/**
 * A delivery queue's worker (mail, webhooks): one job per delivery. A retry is thrown back to pg-boss, which runs
 * it again with exponential backoff; the job's last retry is the final attempt, and a delivery that failed for good
 * is logged with its job data (its id).
 */
export async function startDeliveryWorker<J extends object>(
  boss: PgBoss,
  queue: string,
  what: string,
  deliver: (data: J, opts: { final: boolean }) => Promise<Outcome>,
): Promise<void> {
  await boss.work<J>(queue, { includeMetadata: true, pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
    if (!job) return;
    const final = job.retryCount >= job.retryLimit;
    const outcome = await deliver(job.data, { final });
    if (outcome.kind === "retry") throw new Error(`${what} will be retried: ${outcome.response}`);
    if (outcome.kind === "failed") log().warn({ ...(job.data as Record<string, unknown>) }, `${what} failed for good`);
  });
}

/** Stops this process's worker of the queue, if its pg-boss client was ever started. */
export async function stopDeliveryWorker(started: Promise<PgBoss> | null, queue: string): Promise<void> {
  if (!started) return;
  const boss = await started.catch(() => undefined);
  await boss?.offWork(queue);
}
