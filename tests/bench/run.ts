/**
 * `npm run bench` — figures for docs/performance.md. `npm run bench -- --small` is the smoke run
 * inside `npm test`. Always on a throwaway embedded PostgreSQL (never DATABASE_URL: it writes millions
 * of rows). Flags: --small, --merchant-rows=N, --total-rows=N, --gateway-rows=N,
 * --gateway-latency-ms=N (per-request latency of the emulated gateway while it is paged; default 50), --runs=N.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { setProcessEnv } from "@/lib/env";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const small = argv.includes("--small");
const cfg = {
  merchantRows: Number(flag("merchant-rows") ?? (small ? 20_000 : 1_000_000)),
  totalRows: Number(flag("total-rows") ?? (small ? 100_000 : 10_000_000)),
  gatewayRows: Number(flag("gateway-rows") ?? (small ? 500 : 100_000)),
  gatewayLatencyMs: Number(flag("gateway-latency-ms") ?? 50),
  runs: Number(flag("runs") ?? (small ? 20 : 50)),
  days: 90,
};

const dir = mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
chmodSync(dir, 0o755);
const pg = await startEmbeddedPostgres(path.join(dir, "data"), { persistent: false });
const results: Record<string, unknown> = {
  config: cfg,
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
};
try {
  await runMigrations(pg.url);
  setProcessEnv("DATABASE_URL", pg.url);
  setProcessEnv("CREDENTIALS_KEY", randomBytes(32).toString("base64"));
  setProcessEnv("AUTH_SECRET", randomBytes(32).toString("base64url"));
  setProcessEnv("SANDBOX", "on");
  setProcessEnv("LOG_LEVEL", "silent");
  const { runScenario } = await import("./scenario");
  Object.assign(results, await runScenario(cfg));
  mkdirSync("test-results", { recursive: true });
  writeFileSync(`test-results/bench${small ? "-small" : ""}.json`, JSON.stringify(results, null, 2));
  console.log(`\nFigures written to test-results/bench${small ? "-small" : ""}.json`);
} finally {
  const { closeDb } = await import("@/db/client");
  await closeDb();
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
