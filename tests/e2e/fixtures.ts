import { readFileSync } from "node:fs";
import { type Browser, type BrowserContext, test as base, expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/lib/cli/seed";
import type { SmtpListener } from "@/tests/helpers/smtp";
import { baseUrl, hydrated, listenForMail } from "./helpers";

/**
 * The e2e test object: `import { expect, test } from "../fixtures"` in every spec (see tests/e2e/README.md).
 *
 * - `test.use({ persona: "acmeOwner" })` signs the built-in `page` / `context` in as that demo persona, from the
 *   state the `setup` project stored (tests/e2e/auth.setup.ts): no login form per test.
 * - `openAs(persona)` opens another persona's context in the same test; `signIn(email, password)` signs a user the
 *   test made itself through the login form; `visitor()` is a browser without cookies (a paying customer, an
 *   anonymous visitor). All three are closed when the test ends, and traced like `page`.
 * - `baseURL` is the server the global setup started, so `page.goto("/m/…")` and `page.request` need no origin.
 * - `mail` is the SMTP server the e2e app sends to, listening for the length of the test (read what arrived with
 *   `receivedMail(mail, match)` from ./helpers).
 */

/** The demo personas seeded by `npm run db:seed` (lib/cli/seed.ts), all with DEMO_PASSWORD. */
export const PERSONAS = {
  partnerAdmin: "partner@demo.test",
  agent: "agent@demo.test",
  acmeOwner: "owner@acme.test",
  acmeStaff: "staff@acme.test",
  blueFernOwner: "owner@bluefern.test",
  cornerOwner: "owner@corner.test",
} as const;
export type Persona = keyof typeof PERSONAS;

/** Where the setup project stores a persona's signed-in state (cookies) for this run. */
export const personaState = (persona: Persona) => `test-results/e2e-auth/${persona}.json`;

export interface Session {
  context: BrowserContext;
  page: Page;
}

const NO_STATE = { cookies: [], origins: [] };

/** Fills the login form in `page` and waits until the portal has left /login for the user's home. */
export async function submitLogin(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  // Before hydration the form's client action does nothing.
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL((u) => /^\/(m\/|partner)/.test(u.pathname));
}

/** A persona's stored session as a Cookie header, for plain `fetch` requests (crawls). */
export function personaCookie(persona: Persona): string {
  const state = JSON.parse(readFileSync(personaState(persona), "utf8")) as {
    cookies: { name: string; value: string }[];
  };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/** Signs `email` in through the login form in a throwaway context and returns its Cookie header (for `fetch`). */
export async function sessionCookie(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<string> {
  const context = await browser.newContext({ baseURL: baseUrl(), storageState: NO_STATE });
  try {
    await submitLogin(await context.newPage(), email, password);
    return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await context.close();
  }
}

interface Fixtures {
  /** The demo persona the built-in `page` and `context` are signed in as (none by default). */
  persona: Persona | undefined;
  openAs: (persona: Persona) => Promise<Session>;
  signIn: (email: string, password?: string) => Promise<Session>;
  visitor: () => Promise<Session>;
  /** Contexts opened by the three helpers above, closed after the test. */
  _opened: BrowserContext[];
  /** The SMTP server the e2e app delivers to (E2E_SMTP_PORT), listening from the test's start to its end. */
  mail: SmtpListener;
}

export const test = base.extend<Fixtures>({
  baseURL: async ({}, provide) => provide(baseUrl()),
  persona: [undefined, { option: true }],
  storageState: async ({ persona }, provide) => provide(persona ? personaState(persona) : NO_STATE),
  _opened: async ({}, provide) => {
    const opened: BrowserContext[] = [];
    await provide(opened);
    await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
  },
  openAs: async ({ browser, _opened }, provide) => {
    await provide(async (persona) => {
      const context = await browser.newContext({ storageState: personaState(persona) });
      _opened.push(context);
      return { context, page: await context.newPage() };
    });
  },
  signIn: async ({ browser, _opened }, provide) => {
    await provide(async (email, password = DEMO_PASSWORD) => {
      const context = await browser.newContext({ storageState: NO_STATE });
      _opened.push(context);
      const page = await context.newPage();
      await submitLogin(page, email, password);
      return { context, page };
    });
  },
  visitor: async ({ browser, _opened }, provide) => {
    await provide(async () => {
      const context = await browser.newContext({ storageState: NO_STATE });
      _opened.push(context);
      return { context, page: await context.newPage() };
    });
  },
  mail: async ({}, provide) => {
    const listener = await listenForMail();
    await provide(listener);
    // Stopping a listener the test already stopped is harmless; the port is free for the next test either way.
    await listener.stop();
  },
});

/**
 * `test.describe(title, body)` whose `page` and `context` are signed in as `persona` (the `test.use({ persona })`
 * every signed-in block of a spec starts with).
 */
export function describeAs(persona: Persona, title: string, body: () => void): void {
  test.describe(title, () => {
    test.use({ persona });
    body();
  });
}

export { expect };
