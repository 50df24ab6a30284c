import { env } from "@/lib/env";
import { startBoardingWorkers } from "@/lib/jobs/boarding";
import { startMailWorkers } from "@/lib/jobs/mail";
import { startSyncWorkers } from "@/lib/jobs/sync";
import { startWebhookWorkers } from "@/lib/jobs/webhooks";
import { log } from "@/lib/log";
import { mailStartupProblem } from "@/lib/mail/config";
import { installMethodGuard } from "@/lib/security/method-guard";
import { sandboxInProduction, SANDBOX_IN_PRODUCTION_LOG } from "@/lib/security/sandbox-mode";

/**
 * The web server's start on the Node.js runtime (instrumentation.ts): refuse to serve when mail cannot be sent
 * (sandboxes off without SMTP_URL or APP_URL), warn in the log when a production build serves the sandboxes, then
 * run the background jobs in this process unless JOBS_IN_WEB=false.
 */
export function registerNode(): void {
  // TRACE/TRACK → 405 with Allow (a Fetch Request cannot carry them; they would otherwise end in a 500).
  installMethodGuard();
  const problem = mailStartupProblem();
  if (problem) {
    console.error(`Cannot start: ${problem}`);
    process.exit(1);
  }
  if (sandboxInProduction(env())) log().warn(SANDBOX_IN_PRODUCTION_LOG);
  if (!env().JOBS_IN_WEB || !env().DATABASE_URL) return;
  startSyncWorkers()
    .then(() => startBoardingWorkers())
    .catch((err) => log().error({ err }, "background jobs did not start"));
  // Mail delivery on its own: invitations and resets must not wait on the sync workers' start.
  startMailWorkers().catch((err) => log().error({ err }, "mail delivery worker did not start"));
  startWebhookWorkers().catch((err) => log().error({ err }, "webhook delivery worker did not start"));
}
