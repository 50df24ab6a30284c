import { z } from "zod";

/**
 * The only reader of process.env. Everything else imports `env()` (validated, typed) or
 * `childEnv()` (for spawning a child process with extra variables).
 */

const boolish = z
  .enum(["on", "off", "true", "false", "1", "0"])
  .transform((v) => v === "on" || v === "true" || v === "1");

/** The gateways' production and test tokenizer hosts (FluidPay family; CardPointe CardSecure iFrame, site "fts"). */
export const DEFAULT_TOKENIZER_ORIGINS = [
  "https://app.fluidpay.com",
  "https://sandbox.fluidpay.com",
  "https://fts.cardconnect.com",
  "https://fts-uat.cardconnect.com",
];

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$/;

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Public origin of the portal, used to build pay links and sandbox base URLs. */
  APP_URL: z.url().optional(),
  /** PostgreSQL connection string. Unset: the CLI starts an embedded PostgreSQL in .data/postgres. */
  DATABASE_URL: z.string().min(1).optional(),
  /** Where the embedded PostgreSQL keeps its data. */
  EMBEDDED_PG_DIR: z.string().default(".data/postgres"),
  /** Auth.js secret (32+ chars). Generated into .data/secrets.json by `npm start` when unset. */
  AUTH_SECRET: z.string().min(32).optional(),
  /** Key that encrypts merchant gateway credentials at rest: 32 bytes, base64. */
  CREDENTIALS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded")
    .optional(),
  /**
   * Earlier values of CREDENTIALS_KEY, space- or comma-separated, during a key rotation: what they sealed still opens
   * until `npm run credentials:reencrypt` (also run on every start) re-seals it under CREDENTIALS_KEY.
   */
  CREDENTIALS_KEY_PREVIOUS: z
    .string()
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string().refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded")))
    .optional(),
  /** Sandboxes (local emulators of every provider). Default on, except NODE_ENV=production needs SANDBOX=on. */
  SANDBOX: boolish.optional(),
  /**
   * Demo history made on first start in sandbox mode (lib/cli/demo-history.ts): `on` (90 days, the default), `small`
   * (a few weeks at a fraction of the volume: tests) or `off` (demo users and merchants only).
   */
  DEMO_HISTORY: z.enum(["on", "small", "off"]).default("on"),
  /**
   * Sandbox mode only: the vendors' UAT and production hosts (<site>[-uat].cardconnect.com / .cardpointe.com,
   * *.api.elasticpath.com) are answered by the built-in emulators, so a merchant switched to UAT works offline and the
   * emulators' request log shows the host it asked for. Default on with the sandboxes; `off` lets a developer reach
   * the vendor's real UAT from a sandbox-mode portal. Never in effect with the sandboxes off.
   */
  SANDBOX_VENDOR_HOSTS: boolish.optional(),
  /** Refunds by merchant_staff above this many minor units are refused. */
  STAFF_REFUND_LIMIT_CENTS: z.coerce.number().int().min(0).default(10_000),
  /** Session lifetime in seconds. */
  SESSION_MAX_AGE: z.coerce
    .number()
    .int()
    .min(60)
    .default(8 * 60 * 60),
  /**
   * Origins of the gateways' hosted card-entry tokenizers (script and iframe), space- or comma-separated; the pay
   * page's and the portal's Content-Security-Policy admit only these. Unset: the portal's own origin when the
   * sandboxes are on (they serve the emulated tokenizers), else DEFAULT_TOKENIZER_ORIGINS.
   */
  TOKENIZER_ORIGINS: z
    .string()
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https$/ }).transform((u) => new URL(u).origin)))
    .optional(),
  /**
   * Admins (partner_admin, merchant_admin) must enrol TOTP two-factor authentication before anything else.
   * Off by default so the demo logins and the e2e suite sign in with a password only; turn it on in production.
   */
  REQUIRE_ADMIN_MFA: boolish.optional(),
  /**
   * Which proxies in front of the portal may tell it the client's address (X-Forwarded-For): a number of hops (the
   * load balancers in front, e.g. `1`) or a list of IPs/CIDRs, space- or comma-separated. Unset: none — the client is
   * the address of the connection itself, and X-Forwarded-For is ignored.
   */
  TRUSTED_PROXIES: z
    .string()
    .transform((v, ctx) => {
      const t = v.trim();
      if (/^\d+$/.test(t)) return { hops: Number(t), cidrs: [] as string[] };
      const cidrs = t.split(/[\s,]+/).filter(Boolean);
      for (const c of cidrs) {
        const [addr, bits, extra] = c.split("/");
        const family = IPV4.test(addr ?? "") ? 4 : IPV6.test(addr ?? "") ? 6 : 0;
        const max = family === 6 ? 128 : 32;
        if (!family || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max))) {
          ctx.addIssue({ code: "custom", message: `"${c}" is not a number of hops, an IP address or a CIDR range` });
        }
      }
      return { hops: 0, cidrs };
    })
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Run pg-boss workers inside the web process (default) or only in `npm run worker`. */
  JOBS_IN_WEB: boolish.default(true),
  /**
   * Outgoing mail server (lib/mail), e.g. smtp://user:pass@smtp.example.com:587 or smtps://...:465. Required with the
   * sandboxes off. Unset in sandbox mode: `npm start` runs a local SMTP catcher on loopback and points the app at it.
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** Sender of every email, e.g. "Merchant Portal <no-reply@portal.example.com>". Default: no-reply@ APP_URL's host. */
  MAIL_FROM: z.string().min(3).max(320).optional(),
  /** First retry of a failed delivery after this many seconds, doubling each time (pg-boss backoff). */
  MAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** The pg-boss queue of mail deliveries. Only tests change it: parallel test files each deliver their own mail. */
  MAIL_QUEUE: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .default("mail-send"),
  /** Outbound webhooks (lib/services/webhooks): first retry of a failed delivery after this many seconds, doubling. */
  WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** The pg-boss queue of outbound webhook deliveries. Only tests change it (each file delivers its own). */
  WEBHOOK_QUEUE: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .default("webhook-deliver"),
  /** Loopback ports of the demo mail catcher (sandbox mode, `npm start`): SMTP and its web view. Unset: free ports. */
  MAIL_CATCHER_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  MAIL_CATCHER_WEB_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /**
   * Set by `npm start` for the web server in sandbox mode (not by hand): the catcher's loopback API and its access
   * token, so /mailbox can show a signed-in user the mail addressed to them.
   */
  MAIL_CATCHER_API: z.url().optional(),
  MAIL_CATCHER_TOKEN: z.string().min(16).optional(),
  /** Real gateway account for the adapter's live suite (tests only). */
  GATEWAY_BASE_URL: z.url().optional(),
  GATEWAY_API_KEY: z.string().optional(),
});

export type Env = z.infer<typeof schema> & {
  sandboxEnabled: boolean;
  /** Vendor hosts answered by the emulators (SANDBOX_VENDOR_HOSTS, sandbox mode only). */
  sandboxVendorHosts: boolean;
  appUrl: string;
  /**
   * Admins (partner and merchant) must enrol a second factor before anything else: always in production (NODE_ENV=
   * production with the sandboxes off), where REQUIRE_ADMIN_MFA=off is refused; elsewhere when REQUIRE_ADMIN_MFA=on.
   */
  adminMfaRequired: boolean;
};

let cached: Env | undefined;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example.`);
  }
  const e = result.data;
  const sandboxEnabled = e.SANDBOX ?? e.NODE_ENV !== "production";
  const production = e.NODE_ENV === "production" && !sandboxEnabled;
  if (production && e.REQUIRE_ADMIN_MFA === false) {
    throw new EnvError(
      "Invalid environment configuration:\n  REQUIRE_ADMIN_MFA: cannot be off in production (NODE_ENV=production without the sandboxes): partner and merchant admins sign in with a second factor.\nSee .env.example.",
    );
  }
  const adminMfaRequired = production || e.REQUIRE_ADMIN_MFA === true;
  return {
    ...e,
    sandboxEnabled,
    sandboxVendorHosts: sandboxEnabled && (e.SANDBOX_VENDOR_HOSTS ?? true),
    adminMfaRequired,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
  };
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Test hook: forget the parsed environment after a test changed a variable. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** Environment for a child process: this process's variables plus `extra`. */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

/** Set a variable in this process (CLI entry points only, before anything reads env()). */
export function setProcessEnv(name: string, value: string): void {
  process.env[name] = value;
  cached = undefined;
}

export function rawEnv(name: string): string | undefined {
  return process.env[name];
}

/** Every variable as set, unvalidated: for `npm run doctor`, which reports on the raw configuration. */
export function rawEnvAll(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
