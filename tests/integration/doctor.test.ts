import { spawnSync } from "node:child_process";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { runMigrations } from "@/db/migrate";
import { databaseChecks, envChecks, report } from "@/lib/cli/doctor-checks";

/** `npm run doctor`: what a production start would find; exit 1 exactly when that start would fail. */

const KEY = Buffer.alloc(32, 7).toString("base64");
const PROD = {
  DATABASE_URL: "postgres://u:p@127.0.0.1:1/db",
  APP_URL: "https://portal.example.com",
  SMTP_URL: "smtps://u:p@smtp.example.com:465",
  AUTH_SECRET: "x".repeat(40),
  CREDENTIALS_KEY: KEY,
  TRUSTED_PROXIES: "1",
};

function doctor(vars: Record<string, string>) {
  // Only what we pass (plus PATH): the test runner's own variables would otherwise leak into the check.
  return spawnSync("node_modules/.bin/tsx", ["lib/cli/doctor.ts"], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "silent", ...vars } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("doctor checks", () => {
  it("fails without DATABASE_URL, without SMTP_URL/APP_URL, or with REQUIRE_ADMIN_MFA=off", () => {
    const none = report(envChecks({}).findings);
    expect(none.failed).toBe(true);
    expect(none.text).toMatch(/FAIL\s+DATABASE_URL/);
    const noMail = report(envChecks({ ...PROD, SMTP_URL: undefined }).findings);
    expect(noMail.failed).toBe(true);
    expect(noMail.text).toMatch(/SMTP_URL must be set/);
    expect(report(envChecks({ ...PROD, REQUIRE_ADMIN_MFA: "off" }).findings).failed).toBe(true);
  });

  it("passes a complete configuration, naming what is missing without failing", () => {
    const full = report(envChecks(PROD).findings);
    expect(full.failed).toBe(false);
    expect(full.text).toMatch(/would succeed\.$/);
    const noKey = report(envChecks({ ...PROD, CREDENTIALS_KEY: undefined }).findings);
    expect(noKey.failed).toBe(false);
    expect(noKey.text).toMatch(/MISSING\s+CREDENTIALS_KEY/);
  });

  it("fails when the database is unreachable or holds secrets no configured key opens; warns on sandbox merchants", () => {
    expect(report(databaseChecks({ reachable: false, error: "ECONNREFUSED" })).failed).toBe(true);
    expect(report(databaseChecks({ reachable: true, unreadableSecrets: 2 })).failed).toBe(true);
    const r = report(
      databaseChecks({ reachable: true, merchantsByEnvironment: { sandbox: 3, production: 1 }, unreadableSecrets: 0 }),
    );
    expect(r.failed).toBe(false);
    expect(r.text).toMatch(/3 merchant\(s\) still on the built-in sandbox/);
  });
});

describe("npm run doctor", () => {
  it("exits 1 and says why when a production start would fail", () => {
    const r = doctor({});
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+DATABASE_URL/);
    expect(r.stdout).toMatch(/A production start would fail/);
  });

  // Its own database: other test files seal secrets with keys of their own (rotation tests) in the shared one.
  const name = `doctor_${process.pid}`;
  const admin = () => new pg.Client({ connectionString: process.env.DATABASE_URL });
  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });

  it("exits 0 against a reachable database with everything set, listing the merchants by environment", async () => {
    const c = admin();
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
    await c.end();
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${name}`;
    await runMigrations(url.toString());
    const key = process.env.CREDENTIALS_KEY as string;
    const r = doctor({ ...PROD, CREDENTIALS_KEY: key, DATABASE_URL: url.toString() });
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/ok\s+database: reachable/);
    expect(r.stdout).toMatch(/merchants in production: \d+ \(UAT \d+, sandbox \d+\)/);
    expect(r.stdout).not.toMatch(/FAIL/);
    expect(r.status).toBe(0);
  });

  it("exits 1 when the database cannot be reached", () => {
    const r = doctor(PROD);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+database: not reachable/);
  });
});
