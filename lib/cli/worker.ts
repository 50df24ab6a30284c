import { startBoardingWorkers } from "@/lib/jobs/boarding";
import { startMailWorkers } from "@/lib/jobs/mail";
import { startSyncWorkers } from "@/lib/jobs/sync";
import { startWebhookWorkers } from "@/lib/jobs/webhooks";
import { stopBoss } from "@/lib/queue/boss";
import { mailStartupProblem } from "@/lib/mail/config";
import { attachRunningDemoCatcher } from "./mail-catcher";
import { prepareRuntimeOrExit } from "./runtime";

/** `npm run worker`: background jobs in their own process (set JOBS_IN_WEB=false on the web servers). */
const rt = await prepareRuntimeOrExit({ seed: false });
const mailProblem = mailStartupProblem();
if (mailProblem) {
  console.error(`Cannot start: ${mailProblem}`);
  await rt.stop();
  process.exit(1);
}
const catcherUrl = attachRunningDemoCatcher();
await startSyncWorkers();
await startBoardingWorkers();
await startMailWorkers();
await startWebhookWorkers();
console.log(
  "Worker running: sync jobs (reconcile every 15 minutes, backfills on demand), boarding refresh every 5 minutes, " +
    `outbound webhooks, mail delivery${catcherUrl ? ` (to the demo mail catcher at ${catcherUrl})` : ""}.`,
);
const stop = async () => {
  await stopBoss();
  await rt.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
