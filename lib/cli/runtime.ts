import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { closeDb, getDb } from "@/db/client";
import { type EmbeddedHandle, startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { isDatabaseEmpty } from "./seed";
import { env, rawEnv, setProcessEnv } from "@/lib/env";

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

export async function prepareRuntime(opts: { seed: boolean; say?: (line: string) => void }): Promise<Runtime> {
  const say = opts.say ?? ((l: string) => console.log(l));
  const childVars = ensureSecrets();
  let embedded: EmbeddedHandle | undefined;
  if (!rawEnv("DATABASE_URL")) {
    embedded = await startEmbeddedPostgres(env().EMBEDDED_PG_DIR);
    setProcessEnv("DATABASE_URL", embedded.url);
    // The embedded defaults are the demo: sandboxes on unless explicitly turned off.
    if (!rawEnv("SANDBOX")) setProcessEnv("SANDBOX", "on");
    say(`Embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${env().EMBEDDED_PG_DIR})`);
  }
  const databaseUrl = env().DATABASE_URL as string;
  childVars.DATABASE_URL = databaseUrl;
  if (rawEnv("SANDBOX")) childVars.SANDBOX = rawEnv("SANDBOX") as string;
  await runMigrations(databaseUrl);
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
