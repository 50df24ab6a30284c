import pg from "pg";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { DEMO_PASSWORD } from "@/db/seed";
import { type SmtpListener, startSmtpListener } from "@/tests/helpers/smtp";

export const baseUrl = () => {
  const u = process.env.E2E_BASE_URL;
  if (!u) throw new Error("E2E_BASE_URL is not set (the e2e global setup sets it)");
  return u;
};

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** A fresh context (no cookies) signed in through the login form as `email`. */
export async function loginAs(
  browser: Browser,
  email: string,
  password = DEMO_PASSWORD,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl() });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForURL((u) => /^\/(m\/|partner)/.test(u.pathname), { timeout: 30_000 }),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  return { context, page };
}

/** Direct read access to the e2e database, for ids and for checking what was stored. */
export async function query<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

export async function merchantId(name: string): Promise<string> {
  const rows = await query<{ id: string }>("select id from merchants where name = $1", [name]);
  if (!rows[0]) throw new Error(`no merchant named ${name}`);
  return rows[0].id;
}

/** The demo merchant's sandbox credentials (the e2e server's CREDENTIALS_KEY is fixed in the global setup). */
export async function merchantCredentials(name: string) {
  process.env.CREDENTIALS_KEY = Buffer.alloc(32, 9).toString("base64");
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();
  const { unsealCredentials } = await import("@/lib/services/merchants/credentials");
  const rows = await query<{ c: string }>("select credentials_enc as c from merchants where name = $1", [name]);
  if (!rows[0]?.c) throw new Error(`no credentials for ${name}`);
  return unsealCredentials(rows[0].c);
}

/** Polls until `fn` returns a value (for effects that arrive asynchronously, like webhooks). */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A CoPilot sandbox control call (`POST /sandbox/copilot/_control/<path>`), e.g. clock or token-lifetime. */
export async function copilotControl(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${baseUrl()}/sandbox/copilot/_control/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/**
 * The demo partner's CoPilot sandbox user (sealed in partner_integrations with the e2e server's key), once the
 * portal has provisioned it. Its simulated clock is shared by every spec that uses the demo partner.
 */
export async function demoCopilotUsername(): Promise<string> {
  process.env.CREDENTIALS_KEY = Buffer.alloc(32, 9).toString("base64");
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();
  const { unsealPartnerCredentials } = await import("@/lib/services/partners/copilot");
  const rows = await eventually(async () => {
    const r = await query<{ c: string }>(
      `select i.credentials_enc as c from partner_integrations i join partners p on p.id = i.partner_id
       where p.name = 'Demo Partners' and i.provider = 'copilot'`,
    );
    return r.length ? r : null;
  });
  return unsealPartnerCredentials(rows[0]!.c).username;
}

/**
 * This spec's mail server: an SMTP listener on the port the e2e server sends to (E2E_SMTP_PORT, set by the global
 * setup). Mail sent while no spec listens is retried by the app's mail queue and arrives once one does.
 */
export async function listenForMail(): Promise<SmtpListener> {
  const port = Number(process.env.E2E_SMTP_PORT);
  if (!port) throw new Error("E2E_SMTP_PORT is not set (the e2e global setup sets it)");
  return startSmtpListener(port);
}
