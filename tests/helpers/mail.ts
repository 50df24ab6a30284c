import { randomBytes } from "node:crypto";
import { type SmtpListener, startSmtpListener } from "./smtp";
import { startTestWorker } from "./test-worker";

/**
 * Real delivery for an integration test file: an SMTP listener on loopback, the portal's SMTP_URL pointed at it and
 * the mail-send worker running in this process on a queue of its own (test files run in parallel against one
 * database; each must deliver — and see — only its own mail). Retries start after 1 second.
 */
export interface MailCapture extends SmtpListener {
  close(): Promise<void>;
}

export async function captureMail(): Promise<MailCapture> {
  const smtp = await startSmtpListener();
  const stopWorker = await startTestWorker(
    {
      SMTP_URL: smtp.url,
      MAIL_QUEUE: `mail-test-${randomBytes(5).toString("hex")}`,
      MAIL_RETRY_DELAY_SECONDS: "1",
    },
    async () => {
      const { startMailWorkers, stopMailWorkers } = await import("@/lib/jobs/mail");
      return { start: startMailWorkers, stop: stopMailWorkers };
    },
  );
  return Object.assign(smtp, {
    async close() {
      await stopWorker();
      await smtp.stop();
    },
  });
}
