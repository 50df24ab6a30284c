import { EnvError, parseEnv, type Env } from "@/lib/env";
import { mailStartupProblem } from "@/lib/mail/config";
import { startMode } from "./runtime";

/**
 * `npm run doctor`: what a production start (`NODE_ENV=production npm start`) would find. Pure over the variables
 * (and, when the database is reachable, a few counts read by lib/cli/doctor.ts), so it is tested without a start.
 * "fail" = the start would be refused; "missing" = not set, the start goes on but something important is off;
 * "warn" = works, but check it; "ok" = configured.
 */

export type Level = "ok" | "missing" | "warn" | "fail";
export interface Finding {
  level: Level;
  item: string;
  detail: string;
}

export interface DatabaseFacts {
  reachable: boolean;
  error?: string;
  merchantsByEnvironment?: Record<string, number>;
  merchantsWithoutCredentials?: number;
  partnersWithoutProductionCopilot?: number;
  sandboxElasticPathStores?: number;
  /** Sealed values that open with neither CREDENTIALS_KEY nor CREDENTIALS_KEY_PREVIOUS: the start re-seal fails. */
  unreadableSecrets?: number;
}

export function envChecks(vars: Record<string, string | undefined>): { findings: Finding[]; env: Env | null } {
  const v: Record<string, string | undefined> = { ...vars, NODE_ENV: "production" };
  const out: Finding[] = [];
  const mode = startMode({ NODE_ENV: "production", DATABASE_URL: v.DATABASE_URL, SANDBOX: v.SANDBOX });
  if (mode.kind === "refuse")
    out.push({ level: "fail", item: "DATABASE_URL", detail: "not set: a production start is refused" });
  else out.push({ level: "ok", item: "DATABASE_URL", detail: "set" });
  let e: Env | null = null;
  try {
    e = parseEnv(v);
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    out.push({ level: "fail", item: "environment", detail: err.message.replace(/\nSee \.env\.example\.$/, "") });
    return { findings: out, env: null };
  }
  if (e.sandboxEnabled) {
    out.push({
      level: "warn",
      item: "SANDBOX",
      detail: "on: the emulators and demo logins run in production (red banner on every page); leave it unset",
    });
  } else out.push({ level: "ok", item: "SANDBOX", detail: "off (real providers only)" });
  const mail = mailStartupProblem(e);
  if (mail) out.push({ level: "fail", item: "SMTP_URL / APP_URL", detail: mail });
  else {
    out.push({
      level: e.APP_URL ? "ok" : "warn",
      item: "APP_URL",
      detail: e.APP_URL ?? "unset (sandbox mode default)",
    });
    out.push({ level: e.SMTP_URL ? "ok" : "warn", item: "SMTP_URL", detail: e.SMTP_URL ? "set" : "unset" });
  }
  for (const [name, what] of [
    ["AUTH_SECRET", "sessions"],
    ["CREDENTIALS_KEY", "stored provider credentials"],
  ] as const) {
    if (e[name]) out.push({ level: "ok", item: name, detail: "set" });
    else
      out.push({
        level: "missing",
        item: name,
        detail: `unset: a start generates one into .data/secrets.json, which other instances do not share (${what})`,
      });
  }
  if (e.CREDENTIALS_KEY_PREVIOUS?.length) {
    out.push({
      level: "warn",
      item: "CREDENTIALS_KEY_PREVIOUS",
      detail: "set: a key rotation is in progress; drop it after `npm run credentials:reencrypt`",
    });
  }
  out.push({
    level: e.TRUSTED_PROXIES ? "ok" : "warn",
    item: "TRUSTED_PROXIES",
    detail: e.TRUSTED_PROXIES ? "set" : "unset: behind a proxy every client shares its address for throttling",
  });
  out.push({ level: "ok", item: "REQUIRE_ADMIN_MFA", detail: "admins enrol a second factor (always in production)" });
  return { findings: out, env: e };
}

export function databaseChecks(f: DatabaseFacts): Finding[] {
  if (!f.reachable) {
    return [{ level: "fail", item: "database", detail: `not reachable: ${f.error ?? "unknown error"}` }];
  }
  const out: Finding[] = [{ level: "ok", item: "database", detail: "reachable" }];
  const byEnv = f.merchantsByEnvironment ?? {};
  const prod = byEnv.production ?? 0;
  const uat = byEnv.uat ?? 0;
  const sandbox = byEnv.sandbox ?? 0;
  out.push({
    level: prod > 0 ? "ok" : "warn",
    item: "merchants in production",
    detail: `${prod} (UAT ${uat}, sandbox ${sandbox})`,
  });
  if (sandbox > 0) {
    out.push({
      level: "warn",
      item: "sandbox merchants",
      detail: `${sandbox} merchant(s) still on the built-in sandbox: their payments fail with the sandboxes off (Settings → Integrations)`,
    });
  }
  if (f.merchantsWithoutCredentials) {
    out.push({
      level: "missing",
      item: "merchant credentials",
      detail: `${f.merchantsWithoutCredentials} merchant(s) without gateway credentials`,
    });
  }
  if (f.partnersWithoutProductionCopilot) {
    out.push({
      level: "missing",
      item: "CoPilot credentials",
      detail: `${f.partnersWithoutProductionCopilot} partner(s) without production CoPilot credentials (Partner → Settings)`,
    });
  }
  if (f.sandboxElasticPathStores) {
    out.push({
      level: "warn",
      item: "Elastic Path stores",
      detail: `${f.sandboxElasticPathStores} store(s) on the sandbox: they cannot be used with the sandboxes off`,
    });
  }
  if (f.unreadableSecrets) {
    out.push({
      level: "fail",
      item: "sealed secrets",
      detail: `${f.unreadableSecrets} stored secret(s) open with neither CREDENTIALS_KEY nor CREDENTIALS_KEY_PREVIOUS: the start's re-seal would fail`,
    });
  }
  return out;
}

export function report(findings: Finding[]): { text: string; failed: boolean } {
  const mark: Record<Level, string> = { ok: "ok     ", missing: "MISSING", warn: "warn   ", fail: "FAIL   " };
  const failed = findings.some((f) => f.level === "fail");
  const lines = findings.map((f) => `${mark[f.level]}  ${f.item}: ${f.detail}`);
  lines.push(
    failed
      ? "A production start would fail: fix the FAIL lines above."
      : "A production start would succeed" +
          (findings.some((f) => f.level === "missing") ? " (see the MISSING lines)." : "."),
  );
  return { text: lines.join("\n"), failed };
}
