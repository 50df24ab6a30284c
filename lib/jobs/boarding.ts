import { log } from "@/lib/log";
import { refreshOpenApplications } from "@/lib/services/boarding/refresh-open";
import { getBoss, QUEUES } from "@/lib/queue/boss";

/** Every 5 minutes: CoPilot boarding moves in days, so this is prompt without hammering partners' API users. */
export const BOARDING_REFRESH_CRON = "*/5 * * * *";

/** The job body (exported so tests and `npm run worker` run exactly what the schedule runs). */
export async function runBoardingRefresh() {
  return refreshOpenApplications();
}

/** Registers the boarding worker in this process and its schedule (pg-boss runs each tick on one worker). */
export async function startBoardingWorkers(): Promise<void> {
  const boss = await getBoss();
  await boss.work(QUEUES.boardingRefresh, async () => {
    const s = await runBoardingRefresh();
    if (s.failed) log().warn(s, "some boarding applications could not be refreshed");
  });
  await boss.schedule(QUEUES.boardingRefresh, BOARDING_REFRESH_CRON);
}
