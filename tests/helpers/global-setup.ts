import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";

/**
 * Starts a throwaway embedded PostgreSQL for the whole run, migrates it, and hands its URL
 * to the test workers through DATABASE_URL (workers are forked after this runs).
 */
export default async function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-test-pg-"));
  // PostgreSQL runs as its own user when we are root: it must be able to enter the folder.
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres(path.join(dir, "data"), { persistent: false });
  await runMigrations(pg.url);
  process.env.DATABASE_URL = pg.url;
  process.env.SANDBOX = "on";
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
  process.env.CREDENTIALS_KEY ??= Buffer.alloc(32, 7).toString("base64");
  process.env.LOG_LEVEL ??= "silent";
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
