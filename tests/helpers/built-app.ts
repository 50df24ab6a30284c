import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";

/**
 * Serving the built app against a throwaway database, as the e2e global setup (tests/e2e/global-setup.ts) and the
 * load benchmark (tests/bench/load.ts) both do.
 */

/** `next build` with `vars` (as production) into `distDir`, unless `reuse` is set and a build is already there. */
export function buildApp(vars: NodeJS.ProcessEnv, distDir: string, reuse: boolean): void {
  if (reuse && existsSync(`${distDir}/BUILD_ID`)) return;
  const b = spawnSync("node_modules/.bin/next", ["build"], {
    stdio: "inherit",
    env: { ...vars, NODE_ENV: "production" },
  });
  if (b.status !== 0) throw new Error("next build failed");
}

/** An embedded PostgreSQL in a fresh temporary folder; `stop()` stops it and removes the folder. */
export async function throwawayPostgres(prefix: string): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres(path.join(dir, "data"), { persistent: false });
  return {
    url: pg.url,
    async stop() {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Migrates and seeds the database exactly as `npm start` does, the demo merchants' webhooks aimed at `appUrl`. */
export async function migrateAndSeed(vars: NodeJS.ProcessEnv, databaseUrl: string, appUrl: string): Promise<void> {
  await runMigrations(databaseUrl);
  const seed = spawnSync("node_modules/.bin/tsx", ["lib/cli/db-seed.ts"], {
    stdio: "inherit",
    env: { ...vars, DATABASE_URL: databaseUrl, APP_URL: appUrl },
  });
  if (seed.status !== 0) throw new Error("seeding failed");
}

/** Whether the app at `baseUrl` answers its health check within a minute. */
export async function becameHealthy(baseUrl: string): Promise<boolean> {
  for (let i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 500));
    if (
      await fetch(`${baseUrl}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return true;
  }
  return false;
}
