import { sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { DbOrTx } from "@/db/client";
import { ensureQueue, getBoss } from "@/lib/queue/boss";
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

const ready = new Map<string, Promise<PgBoss>>();

/** The pg-boss client with this process's mail queue created. */
export async function mailBoss(): Promise<PgBoss> {
  const name = mailQueue();
  let p = ready.get(name);
  if (!p) {
    p = (async () => {
      const boss = await getBoss();
      // Each message is its own job (standard policy); one that exhausts its retries moves to `<queue>-dead`.
      await ensureQueue(boss, name, { policy: "standard", retryBackoff: true });
      return boss;
    })();
    ready.set(name, p);
  }
  try {
    return await p;
  } catch (err) {
    ready.delete(name);
    throw err;
  }
}

/** The mail queue's pg-boss client if this process has one (null before the first use). */
export function startedMailBoss(): Promise<PgBoss> | null {
  return ready.get(mailQueue()) ?? null;
}

/**
 * pg-boss runs its INSERT through the caller's transaction (its `db` option), so the job exists exactly when the
 * message row does. pg-boss writes `$n` placeholders; they become drizzle parameters.
 */
function executorFor(db: DbOrTx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const parts = text.split(/\$(\d+)/);
      const chunks = parts.map((p, i) => (i % 2 === 0 ? sql.raw(p) : sql`${values[Number(p) - 1] ?? null}`));
      const result = await db.execute(sql.join(chunks));
      return { rows: (result as unknown as { rows: unknown[] }).rows };
    },
  };
}

export async function enqueueMailJob(db: DbOrTx, messageId: string): Promise<void> {
  const boss = await mailBoss();
  await boss.send(
    mailQueue(),
    { messageId },
    {
      id: messageId,
      db: executorFor(db),
      retryLimit: MAIL_RETRY_LIMIT,
      retryDelay: env().MAIL_RETRY_DELAY_SECONDS,
      retryBackoff: true,
      expireInSeconds: 300,
    },
  );
}
