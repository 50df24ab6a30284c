import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { type CaughtMail, type SmtpListener, startSmtpListener } from "@/tests/helpers/smtp";

/**
 * What a spec needs beside the browser: the server's origin, direct database reads (ids, what was stored), the demo
 * merchants' sandbox credentials and the sandboxes' control hooks. The browser side is in ./fixtures.
 */

export const baseUrl = () => {
  const u = process.env.E2E_BASE_URL;
  if (!u) throw new Error("E2E_BASE_URL is not set (the e2e global setup sets it)");
  return u;
};

/** The e2e server's secrets (tests/e2e/global-setup.ts): it seals merchant credentials with this key. */
export const E2E_CREDENTIALS_KEY = Buffer.alloc(32, 9).toString("base64");
export const E2E_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-0123456";

/**
 * Points the portal code this process runs (server actions and services that seed data, unsealing credentials) at
 * the e2e database and server, as the server itself is configured. Every spec file runs in the same worker process,
 * so this is set again on each use rather than once; `overrides` last until the next call.
 */
export async function pointAtE2eRuntime(overrides: Record<string, string> = {}): Promise<void> {
  Object.assign(process.env, {
    DATABASE_URL: process.env.E2E_DATABASE_URL,
    APP_URL: baseUrl(),
    SANDBOX: "on",
    CREDENTIALS_KEY: E2E_CREDENTIALS_KEY,
    AUTH_SECRET: E2E_AUTH_SECRET,
    LOG_LEVEL: "warn",
    ...overrides,
  });
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();
}

/** React has hydrated the document (it attaches its fibers to the DOM nodes it owns): client actions now work. */
export async function hydrated(page: Page, selector = "body"): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate((sel) => {
          const el = document.querySelector(sel);
          return !!el && Object.keys(el).some((k) => k.startsWith("__reactFiber") || k.startsWith("__reactProps"));
        }, selector),
      { message: `React hydrated ${selector}` },
    )
    .toBe(true);
}

/**
 * Signs in the way a scripted client does: fetches the CSRF token (and its cookie), then posts the credentials form
 * with `headers` added. Returns the callback's answer, not followed (a session cookie, or a redirect with an error).
 */
export async function scriptedSignIn(
  form: { email: string; password: string; callbackUrl?: string },
  headers: Record<string, string> = {},
): Promise<Response> {
  const csrfRes = await fetch(`${baseUrl()}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return fetch(`${baseUrl()}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
    body: new URLSearchParams({ ...form, csrfToken }),
  });
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

export async function partnerId(name = "Demo Partners"): Promise<string> {
  const rows = await query<{ id: string }>("select id from partners where name = $1", [name]);
  if (!rows[0]) throw new Error(`no partner named ${name}`);
  return rows[0].id;
}

/** The demo merchant's sandbox credentials. */
export async function merchantCredentials(name: string) {
  await pointAtE2eRuntime();
  const { unsealCredentials } = await import("@/lib/connections/credentials");
  const rows = await query<{ c: string; id: string }>(
    "select credentials_enc as c, id from merchants where name = $1",
    [name],
  );
  if (!rows[0]?.c) throw new Error(`no credentials for ${name}`);
  return unsealCredentials(rows[0].c, rows[0].id);
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
  await pointAtE2eRuntime();
  const { unsealPartnerCredentials } = await import("@/lib/services/partners/copilot");
  const sealed = async () =>
    (
      await query<{ c: string; partner_id: string; environment: "sandbox" | "production" }>(
        `select i.credentials_enc as c, i.partner_id, i.environment from partner_integrations i
         join partners p on p.id = i.partner_id where p.name = 'Demo Partners' and i.provider = 'copilot'`,
      )
    )[0];
  await expect.poll(sealed, { message: "the portal provisioned the demo partner's CoPilot user" }).toBeTruthy();
  const row = (await sealed())!;
  return unsealPartnerCredentials(row.c, { partnerId: row.partner_id, environment: row.environment }).username;
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

/** Waits until `mail` has received a message that matches (the app's mail queue delivers it), and returns it. */
export async function receivedMail(
  mail: SmtpListener,
  match: (m: CaughtMail) => boolean,
  timeout = 30_000,
): Promise<CaughtMail> {
  await expect
    .poll(() => mail.messages.some(match), { timeout, message: "a matching message arrives over SMTP" })
    .toBe(true);
  return mail.messages.find(match)!;
}

/** Creates a customer from the merchant's customer list (the form), lands on its page; returns its id. */
export async function addCustomer(
  page: Page,
  merchant: string,
  first: string,
  last: string,
  email: string,
): Promise<string> {
  await page.goto(`/m/${merchant}/customers`);
  await page.getByRole("link", { name: "New customer" }).click();
  await expect(page).toHaveURL(/\/customers\/new$/);
  await page.getByLabel("First name").fill(first);
  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("ZIP / postal code").fill("94107");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page).toHaveURL((u) => /\/customers\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith("/new"));
  await expect(page.getByRole("heading", { name: `${first} ${last}` })).toBeVisible();
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop() as string);
}

/** Adds a card on the customer page through the tokenizer iframe. */
export async function addCard(page: Page, number: string) {
  await page.getByRole("button", { name: "Add payment method" }).click();
  const frame = page.frameLocator('iframe[title="Payment details"]');
  await frame.getByLabel("Card number").fill(number);
  await frame.getByLabel("Expiration (MM/YY)").fill("12/30");
  await frame.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: "Save payment method" }).click();
  await expect(page.getByText("Payment method saved.")).toBeVisible();
}
