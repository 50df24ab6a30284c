/**
 * Next.js start-up hook: background jobs run inside the web process unless JOBS_IN_WEB=false (then
 * `npm run worker` runs them). Only on the Node.js runtime, never during the build.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/lib/env");
  const { sandboxInProduction, SANDBOX_IN_PRODUCTION_LOG } = await import("@/lib/security/sandbox-mode");
  if (sandboxInProduction(env())) (await import("@/lib/log")).log().warn(SANDBOX_IN_PRODUCTION_LOG);
  if (!env().JOBS_IN_WEB || !env().DATABASE_URL) return;
  const { startSyncWorkers } = await import("@/lib/jobs/sync");
  const { startBoardingWorkers } = await import("@/lib/jobs/boarding");
  const { log } = await import("@/lib/log");
  startSyncWorkers()
    .then(() => startBoardingWorkers())
    .catch((err) => log().error({ err }, "background jobs did not start"));
}
