import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { closeDb, getDb } from "@/db/client";
import { type EmbeddedHandle, startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { isDatabaseEmpty } from "./seed";
import { env, rawEnv, setProcessEnv } from "@/lib/env";
import { SANDBOX_IN_PRODUCTION_LOG } from "@/lib/security/sandbox-mode";

/**
 * What `npm start`, `npm run dev`, `db:migrate` and `db:seed` share: secrets, the embedded
 * PostgreSQL when DATABASE_URL is unset, migrations, and demo data on an empty sandbox database.
 */
export interface Runtime {
  databaseUrl: string;
  embedded: boolean;
  seeded: boolean;
  /** Variables the web server child process needs on top of ours. */
  childVars: Record<string, string>;
  stop(): Promise<void>;
}

const SECRETS_FILE = ".data/secrets.json";

function ensureSecrets(): Record<string, string> {
  const out: Record<string, string> = {};
  let stored: Record<string, string> = {};
  if (existsSync(SECRETS_FILE)) stored = JSON.parse(readFileSync(SECRETS_FILE, "utf8"));
  let changed = false;
  for (const [name, make] of [
    ["AUTH_SECRET", () => randomBytes(32).toString("base64url")],
    ["CREDENTIALS_KEY", () => randomBytes(32).toString("base64")],
  ] as const) {
    const value = rawEnv(name) || stored[name] || make();
    if (!rawEnv(name) && !stored[name]) {
      stored[name] = value;
      changed = true;
    }
    out[name] = value;
    setProcessEnv(name, value);
  }
  if (changed) {
    mkdirSync(path.dirname(SECRETS_FILE), { recursive: true });
    writeFileSync(SECRETS_FILE, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(SECRETS_FILE, 0o600);
  }
  return out;
}

/**
 * How a start runs, from the variables the person starting it set (read raw: before anything is defaulted).
 * `next start` runs with NODE_ENV=production whatever the CLI got, so the CLI's own NODE_ENV is what tells an
 * operator's production start (`NODE_ENV=production npm start`) from the demo on a fresh clone (`npm start`):
 * - no NODE_ENV (or development/test): the embedded demo — embedded PostgreSQL without DATABASE_URL, sandboxes on
 *   unless SANDBOX=off;
 * - NODE_ENV=production: never the sandboxes or demo users unless SANDBOX=on is set explicitly; without DATABASE_URL
 *   and without SANDBOX=on the start is refused.
 */
export type StartMode =
  { kind: "demo" | "production"; embedded: boolean; sandbox: boolean } | { kind: "refuse"; message: string };

const ON = new Set(["on", "true", "1"]);

export function startMode(v: { NODE_ENV?: string; DATABASE_URL?: string; SANDBOX?: string }): StartMode {
  const embedded = !v.DATABASE_URL;
  const sandboxSet = v.SANDBOX !== undefined && v.SANDBOX !== "";
  const sandboxOn = sandboxSet && ON.has(v.SANDBOX as string);
  if (v.NODE_ENV !== "production") return { kind: "demo", embedded, sandbox: sandboxSet ? sandboxOn : true };
  if (sandboxOn) return { kind: "production", embedded, sandbox: true };
  if (embedded) {
    return {
      kind: "refuse",
      message: [
        "Refusing to start: NODE_ENV=production, but DATABASE_URL is not set.",
        "  A production start needs your PostgreSQL: set DATABASE_URL (and AUTH_SECRET, CREDENTIALS_KEY, APP_URL; see .env.example).",
        "  For the demo with emulated payment services and published demo logins, run `npm start` without",
        "  NODE_ENV=production, or set SANDBOX=on explicitly (never for a deployment with real users).",
      ].join("\n"),
    };
  }
  return { kind: "production", embedded: false, sandbox: false };
}

export class StartRefused extends Error {}

export async function prepareRuntime(opts: { seed: boolean; say?: (line: string) => void }): Promise<Runtime> {
  const say = opts.say ?? ((l: string) => console.log(l));
  const mode = startMode({
    NODE_ENV: rawEnv("NODE_ENV"),
    DATABASE_URL: rawEnv("DATABASE_URL"),
    SANDBOX: rawEnv("SANDBOX"),
  });
  // Refused before anything is written or started.
  if (mode.kind === "refuse") throw new StartRefused(mode.message);
  if (mode.kind === "production" && mode.sandbox) console.warn(`WARNING: ${SANDBOX_IN_PRODUCTION_LOG}`);
  // The web server (next start) runs with NODE_ENV=production: it gets the sandbox decision explicitly.
  setProcessEnv("SANDBOX", mode.sandbox ? "on" : "off");
  const childVars = ensureSecrets();
  let embedded: EmbeddedHandle | undefined;
  if (mode.embedded) {
    embedded = await startEmbeddedPostgres(env().EMBEDDED_PG_DIR);
    setProcessEnv("DATABASE_URL", embedded.url);
    say(`Embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${env().EMBEDDED_PG_DIR})`);
  }
  const databaseUrl = env().DATABASE_URL as string;
  childVars.DATABASE_URL = databaseUrl;
  childVars.SANDBOX = mode.sandbox ? "on" : "off";
  await runMigrations(databaseUrl);
  // Sealed columns written before row binding, or under a previous CREDENTIALS_KEY, are re-sealed before anything
  // reads them (bound reads refuse the old format).
  const { reencryptSealedColumns } = await import("@/lib/services/security/reencrypt");
  const resealed = await reencryptSealedColumns(getDb());
  const n = Object.values(resealed).reduce((a, b) => a + b, 0);
  if (n > 0) say(`Re-sealed ${n} stored secrets under the current key, bound to their rows.`);
  let seeded = false;
  if (opts.seed && env().sandboxEnabled && (await isDatabaseEmpty(getDb()))) {
    const { seedDemoWithSandboxes } = await import("./sandbox");
    await seedDemoWithSandboxes();
    seeded = true;
    say("Demo data seeded.");
  }
  await closeDb();
  let stopped = false;
  return {
    databaseUrl,
    embedded: embedded !== undefined,
    seeded,
    childVars,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await embedded?.stop();
    },
  };
}

/** prepareRuntime for the CLI entry points: a refused start prints why and exits 1. */
export async function prepareRuntimeOrExit(opts: { seed: boolean; say?: (line: string) => void }): Promise<Runtime> {
  try {
    return await prepareRuntime(opts);
  } catch (err) {
    if (!(err instanceof StartRefused)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}
