import { startBoardingWorkers } from "@/lib/jobs/boarding";
import { startSyncWorkers } from "@/lib/jobs/sync";
import { stopBoss } from "@/lib/jobs/boss";
import { prepareRuntimeOrExit } from "./runtime";

/** `npm run worker`: background jobs in their own process (set JOBS_IN_WEB=false on the web servers). */
const rt = await prepareRuntimeOrExit({ seed: false });
await startSyncWorkers();
await startBoardingWorkers();
console.log(
  "Worker running: sync jobs (reconcile every 15 minutes, backfills on demand), boarding refresh every 5 minutes.",
);
const stop = async () => {
  await stopBoss();
  await rt.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
