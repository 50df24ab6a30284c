import { randomBytes } from "node:crypto";
import { resetEnvCache } from "@/lib/env";
import { type SmtpListener, startSmtpListener } from "./smtp";

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
  const saved = {
    SMTP_URL: process.env.SMTP_URL,
    MAIL_QUEUE: process.env.MAIL_QUEUE,
    MAIL_RETRY_DELAY_SECONDS: process.env.MAIL_RETRY_DELAY_SECONDS,
  };
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_QUEUE = `mail-test-${randomBytes(5).toString("hex")}`;
  process.env.MAIL_RETRY_DELAY_SECONDS = "1";
  resetEnvCache();
  const { startMailWorkers, stopMailWorkers } = await import("@/lib/jobs/mail");
  const { stopBoss } = await import("@/lib/queue/boss");
  await startMailWorkers();
  return Object.assign(smtp, {
    async close() {
      await stopMailWorkers();
      await stopBoss();
      await smtp.stop();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      resetEnvCache();
    },
  });
}
