import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { linkIn } from "@/tests/helpers/smtp";
import { baseUrl, launchBrowser, listenForMail, loginAs, merchantId, query } from "../helpers";

let browser: Browser;
let acme: string;

/** A fresh admin of Acme Coffee with a password (the demo logins stay untouched). */
async function makeAdmin(tag: string, password: string): Promise<string> {
  const email = `${tag}-${Date.now()}@example.test`;
  const [u] = await query<{ id: string }>(
    "insert into users (email, name, password_hash) values ($1, $2, $3) returning id",
    [email, `${tag} admin`, await hashPassword(password)],
  );
  await query("insert into memberships (user_id, merchant_id, role) values ($1, $2, 'merchant_admin')", [u!.id, acme]);
  return email;
}

beforeAll(async () => {
  browser = await launchBrowser();
  acme = await merchantId("Acme Coffee");
});
afterAll(async () => {
  await browser?.close();
});

async function tryLogin(email: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl() });
  const page = await context.newPage();
  await page.goto("/login", { waitUntil: "networkidle" });
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  return { context, page };
}

describe("change password", () => {
  it("ends the other browser's session (next page and next action go to /login); this one stays signed in", async () => {
    const email = await makeAdmin("pw-change", "first-password-2026");
    const a = await loginAs(browser, email, "first-password-2026");
    const b = await loginAs(browser, email, "first-password-2026");
    await b.page.goto("/account/security");
    await a.page.goto("/account/security");

    await a.page.getByLabel("Current password").fill("first-password-2026");
    await a.page.getByLabel("New password", { exact: true }).fill("password1234");
    await a.page.getByLabel("Repeat the new password").fill("password1234");
    await a.page.getByRole("button", { name: "Change password" }).click();
    await a.page.getByText("This password is too common").waitFor();

    await a.page.getByLabel("Current password").fill("first-password-2026");
    await a.page.getByLabel("New password", { exact: true }).fill("second-password-2026");
    await a.page.getByLabel("Repeat the new password").fill("second-password-2026");
    await a.page.getByRole("button", { name: "Change password" }).click();
    await a.page.getByText("Password changed.").waitFor();
    await a.page.screenshot({ path: "test-results/account-security.png", fullPage: true });

    // B's next action (its page is still open) is refused and sends it to sign-in.
    await b.page.getByLabel("Current password").fill("first-password-2026");
    await b.page.getByLabel("New password", { exact: true }).fill("third-password-2026");
    await b.page.getByLabel("Repeat the new password").fill("third-password-2026");
    await b.page.getByRole("button", { name: "Change password" }).click();
    await b.page.waitForURL((u) => u.pathname === "/login");
    // B's next page request too.
    await b.page.goto(`/m/${acme}`);
    expect(new URL(b.page.url()).pathname).toBe("/login");

    // A was re-issued a session under the new version.
    await a.page.goto(`/m/${acme}`);
    expect(new URL(a.page.url()).pathname).toBe(`/m/${acme}`);
    const audit = await query<{ action: string }>(
      "select action from audit_log where action = 'user.password_changed' and target_id = (select id::text from users where email = $1)",
      [email],
    );
    expect(audit).toHaveLength(1);

    const old = await tryLogin(email, "first-password-2026");
    await old.page.getByText("Email or password is incorrect.").waitFor();
    await old.context.close();
    await a.context.close();
    await b.context.close();
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the user, this one included", async () => {
    const email = await makeAdmin("pw-everywhere", "everywhere-password-2026");
    const a = await loginAs(browser, email, "everywhere-password-2026");
    const b = await loginAs(browser, email, "everywhere-password-2026");
    await a.page.goto("/account/security");
    await a.page.getByRole("button", { name: "Sign out everywhere" }).click();
    await a.page.getByRole("dialog").getByRole("button", { name: "Sign out everywhere" }).click();
    await a.page.waitForURL((u) => u.pathname === "/login");
    await a.page.getByText("You were signed out on every device.").waitFor();
    await b.page.goto(`/m/${acme}`);
    expect(new URL(b.page.url()).pathname).toBe("/login");
    await a.context.close();
    await b.context.close();
  });
});

describe("forgot password", () => {
  it("answers the same for known and unknown emails, and the one-time link emailed to the account resets the password", async () => {
    const mail = await listenForMail();
    const email = await makeAdmin("pw-reset", "forgotten-password-2026");
    const signedIn = await loginAs(browser, email, "forgotten-password-2026");

    const context = await browser.newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    const ask = async (who: string) => {
      await page.goto("/login");
      await page.getByRole("link", { name: "Forgot password?" }).click();
      await page.waitForURL("**/forgot-password");
      await page.getByLabel("Email").fill(who);
      await page.getByRole("button", { name: "Send reset link" }).click();
      const status = page.getByRole("status").filter({ hasText: "If an account exists" });
      await status.waitFor();
      return status.textContent();
    };
    const unknown = await ask(`nobody-${Date.now()}@example.test`);
    const known = await ask(email);
    expect(known).toBe(unknown);
    await page.screenshot({ path: "test-results/account-forgot.png", fullPage: true });

    // The link travels by email to the account's own address (over SMTP); no page shows it to a signed-out visitor.
    const m = await mail.waitFor((x) => x.to.includes(email), 30_000);
    await mail.stop();
    expect(m.to).toEqual([email]);
    const link = linkIn(m, "/reset-password/");
    expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43,}$/);
    await page.goto("/mailbox");
    expect(new URL(page.url()).pathname).toBe("/login");

    await page.goto(new URL(link!).pathname);
    await page.getByLabel("New password", { exact: true }).fill("brand-new-password-2026");
    await page.getByLabel("Repeat the password").fill("brand-new-password-2026");
    await page.getByRole("button", { name: "Set password" }).click();
    await page.getByText("Your password is set.").waitFor();

    // Single use.
    await page.goto(new URL(link!).pathname);
    await page.getByText("This link has expired or was already used.").waitFor();
    // The session opened before the reset has ended.
    await signedIn.page.goto(`/m/${acme}`);
    expect(new URL(signedIn.page.url()).pathname).toBe("/login");
    // The new password works, the old one does not.
    const old = await tryLogin(email, "forgotten-password-2026");
    await old.page.getByText("Email or password is incorrect.").waitFor();
    await old.context.close();
    const fresh = await loginAs(browser, email, "brand-new-password-2026");
    expect(new URL(fresh.page.url()).pathname).toBe(`/m/${acme}`);
    await fresh.context.close();
    await context.close();
    await signedIn.context.close();
  });
});
