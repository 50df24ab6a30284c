/**
 * Next.js start-up hook: refuses to serve when mail cannot be sent (production without SMTP_URL or APP_URL), and
 * runs the background jobs inside the web process unless JOBS_IN_WEB=false (then `npm run worker` runs them). Only
 * on the Node.js runtime, never during the build.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/lib/env");
  const { mailStartupProblem } = await import("@/lib/mail/config");
  const problem = mailStartupProblem();
  if (problem) {
    console.error(`Cannot start: ${problem}`);
    process.exit(1);
  }
  if (!env().JOBS_IN_WEB || !env().DATABASE_URL) return;
  const { startSyncWorkers } = await import("@/lib/jobs/sync");
  const { startBoardingWorkers } = await import("@/lib/jobs/boarding");
  const { startMailWorkers } = await import("@/lib/jobs/mail");
  const { log } = await import("@/lib/log");
  startSyncWorkers()
    .then(() => startBoardingWorkers())
    .catch((err) => log().error({ err }, "background jobs did not start"));
  // Mail delivery on its own: invitations and resets must not wait on the sync workers' start.
  startMailWorkers().catch((err) => log().error({ err }, "mail delivery worker did not start"));
}
