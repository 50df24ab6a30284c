import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { freePort } from "@/db/embedded";
import { becameHealthy, buildApp, migrateAndSeed, throwawayPostgres } from "@/tests/helpers/built-app";
import { scanArtifacts, writeScanInputs } from "@/tests/scan/dump";
import { E2E_AUTH_SECRET, E2E_CREDENTIALS_KEY } from "./helpers";

/**
 * Playwright's global setup (playwright.config.ts): builds the app (unless E2E_SKIP_BUILD=1 and a build exists),
 * starts a throwaway embedded PostgreSQL, migrates and seeds it exactly as `npm start` does, and serves the built app
 * on a free loopback port, sending its mail over SMTP to another free loopback port (the `mail` fixture listens on
 * it). Workers (forked after this) get E2E_BASE_URL, E2E_DATABASE_URL and E2E_SMTP_PORT. Server output goes to
 * test-results/e2e-server.log; the returned teardown leaves a dump of the database and the sandboxes' request log
 * beside it, and the `scan` vitest project (tests/scan) searches all three for card data.
 */
export default async function globalSetup() {
  const vars = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    SANDBOX: "on",
    AUTH_SECRET: E2E_AUTH_SECRET,
    CREDENTIALS_KEY: E2E_CREDENTIALS_KEY,
    AUTH_TRUST_HOST: "true",
    LOG_LEVEL: "info",
  };
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  buildApp(vars, distDir, process.env.E2E_SKIP_BUILD === "1");
  const pg = await throwawayPostgres("portal-e2e-pg-");

  let server: ChildProcess | undefined;
  const stopAll = async () => {
    server?.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    await pg.stop();
  };
  try {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // Mail leaves the app over SMTP to this loopback port; the specs that read mail listen on it themselves
    // (tests/e2e/helpers.ts listenForMail), so a spec can also stop the mail server and start it again.
    const smtpPort = await freePort();
    // Seeded with the server's own origin: sandbox webhooks of the demo merchants are delivered to it.
    // A small demo history (Acme Coffee, a few weeks): the dashboard specs see a populated portal, the rest stay fast.
    await migrateAndSeed({ ...vars, DEMO_HISTORY: process.env.DEMO_HISTORY ?? "small" }, pg.url, baseUrl);
    mkdirSync("test-results", { recursive: true });
    // The personas' signed-in state of an earlier run names users of an earlier database.
    rmSync("test-results/e2e-auth", { recursive: true, force: true });
    // A teardown that fails to write the scan inputs must not leave an earlier run's to be scanned instead.
    rmSync(scanArtifacts().manifest, { force: true });
    const logFile = createWriteStream(scanArtifacts().serverLog);
    server = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
      env: {
        ...vars,
        NODE_ENV: "production",
        DATABASE_URL: pg.url,
        PORT: String(port),
        APP_URL: baseUrl,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_RETRY_DELAY_SECONDS: "1",
        WEBHOOK_RETRY_DELAY_SECONDS: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.pipe(logFile);
    server.stderr?.pipe(logFile);
    if (!(await becameHealthy(baseUrl)))
      throw new Error(`app did not become healthy on ${baseUrl}; see test-results/e2e-server.log`);
    process.env.E2E_BASE_URL = baseUrl;
    process.env.E2E_DATABASE_URL = pg.url;
    process.env.E2E_SMTP_PORT = String(smtpPort);
  } catch (err) {
    // A setup that fails leaves no server or database behind (there is no teardown to call).
    await stopAll();
    throw err;
  }
  return async () => {
    // Let the sandboxes' request log flush (it batches every 250 ms), then dump while the database runs.
    await new Promise((r) => setTimeout(r, 600));
    try {
      const m = await writeScanInputs(pg.url);
      console.log(`card-scan inputs: ${m.tables} tables, ${m.rows} rows, ${m.sandboxRequests} sandbox requests`);
    } catch (err) {
      console.error("could not write the card-scan inputs", err);
    }
    await stopAll();
  };
}
