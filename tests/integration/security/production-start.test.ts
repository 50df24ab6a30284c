import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";

/**
 * Finding 3 of the security review: lib/cli/runtime.ts turned the sandboxes on whenever DATABASE_URL was unset, even
 * with NODE_ENV=production, so an operator's production start without configuration served the emulators, the demo
 * logins and the demo mailbox. An explicit NODE_ENV=production start must refuse instead; `npm start` on a fresh
 * clone (no NODE_ENV) keeps the embedded demo.
 */

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  resetEnvCache();
});

function productionEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", ...extra };
  delete e.DATABASE_URL;
  delete e.SANDBOX;
  return e;
}

describe("an operator's production start", () => {
  it("prepareRuntime refuses NODE_ENV=production without DATABASE_URL and SANDBOX, before starting anything", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "portal-prod-start-"));
    Object.assign(process.env, productionEnv({ EMBEDDED_PG_DIR: path.join(dir, "pg") }));
    delete process.env.DATABASE_URL;
    delete process.env.SANDBOX;
    resetEnvCache();
    const { prepareRuntime } = await import("@/lib/cli/runtime");
    let rt: Awaited<ReturnType<typeof prepareRuntime>> | undefined;
    try {
      rt = await prepareRuntime({ seed: true, say: () => undefined });
    } catch (err) {
      expect((err as Error).message).toMatch(/Refusing to start/);
    } finally {
      await rt?.stop();
    }
    expect(rt, "a production start without configuration must not run").toBeUndefined();
    // No embedded PostgreSQL was initialised.
    expect(existsSync(path.join(dir, "pg", "PG_VERSION"))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it("`npm start` with NODE_ENV=production and no configuration exits 1 with a message naming DATABASE_URL and SANDBOX=on", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "portal-prod-cli-"));
    const r = spawnSync(path.resolve("node_modules/.bin/tsx"), [path.resolve("lib/cli/start.ts")], {
      env: productionEnv({ EMBEDDED_PG_DIR: path.join(dir, "pg"), PORT: "1" }),
      encoding: "utf8",
      timeout: 60_000,
    });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Refusing to start/);
    expect(r.stderr).toMatch(/DATABASE_URL/);
    expect(r.stderr).toMatch(/SANDBOX=on/);
    expect(r.stdout).not.toMatch(/Demo logins/);
  });

  it("decides demo, production and refusal from NODE_ENV, DATABASE_URL and SANDBOX", async () => {
    const { startMode } = await import("@/lib/cli/runtime");
    // The fresh clone: no NODE_ENV (next start sets production only for itself).
    expect(startMode({})).toEqual({ kind: "demo", embedded: true, sandbox: true });
    expect(startMode({ SANDBOX: "off" })).toEqual({ kind: "demo", embedded: true, sandbox: false });
    expect(startMode({ DATABASE_URL: "postgres://x" })).toEqual({ kind: "demo", embedded: false, sandbox: true });
    // An operator's production start.
    expect(startMode({ NODE_ENV: "production" })).toMatchObject({ kind: "refuse" });
    expect(startMode({ NODE_ENV: "production", SANDBOX: "off" })).toMatchObject({ kind: "refuse" });
    expect(startMode({ NODE_ENV: "production", DATABASE_URL: "postgres://x" })).toEqual({
      kind: "production",
      embedded: false,
      sandbox: false,
    });
    expect(startMode({ NODE_ENV: "production", SANDBOX: "on" })).toEqual({
      kind: "production",
      embedded: true,
      sandbox: true,
    });
  });
});
