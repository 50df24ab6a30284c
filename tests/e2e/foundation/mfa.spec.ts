import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { PERIOD, totpCode } from "@/lib/services/account/totp";
import { baseUrl, launchBrowser, loginAs, merchantId, query } from "../helpers";

const PASSWORD = "mfa-e2e-password-2026";
let browser: Browser;
let acme: string;
let email: string;
let secret = "";
let recoveryCodes: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  acme = await merchantId("Acme Coffee");
  // A fresh admin of Acme Coffee: the demo logins stay password-only for the other suites.
  email = `mfa-e2e-${Date.now()}@example.test`;
  const [u] = await query<{ id: string }>(
    "insert into users (email, name, password_hash) values ($1, 'MFA Admin', $2) returning id",
    [email, await hashPassword(PASSWORD)],
  );
  await query("insert into memberships (user_id, merchant_id, role) values ($1, $2, 'merchant_admin')", [u!.id, acme]);
});
afterAll(async () => {
  await browser?.close();
});

/** A code of a later 30-second step than any used so far (each step is accepted once). */
let offset = 0;
const freshCode = () => totpCode(secret, Date.now() + ++offset * PERIOD * 1000);

async function passwordStep(page: Page) {
  // Wait for hydration: before it, the form's client action does nothing.
  await page.goto("/login", { waitUntil: "networkidle" });
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

/** Submits a code and waits for the server action's answer. */
async function codeStep(page: Page, code: string) {
  await page.getByLabel("Authentication code").fill(code);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Verify", exact: true }).click(),
  ]);
}

describe("TOTP two-factor authentication", () => {
  it("an admin without MFA sees the banner and enrols from Account security (QR, key, code, ten recovery codes)", async () => {
    const { context, page } = await loginAs(browser, email, PASSWORD);
    await page.getByText("Protect your admin account.").waitFor();
    await page.getByRole("link", { name: "Account security" }).click();
    await page.waitForURL("**/account/security");
    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    const qr = page.getByRole("img", { name: "QR code to scan with your authenticator app" });
    await qr.locator("svg").waitFor();
    secret = ((await page.getByTestId("mfa-secret").textContent()) ?? "").replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.screenshot({ path: "test-results/account-mfa-enrol.png", fullPage: true });

    await page.getByLabel("Enter the 6-digit code the app shows").fill("000000");
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByText("That code is not right").first().waitFor();
    await page.getByLabel("Enter the 6-digit code the app shows").fill(totpCode(secret));
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByText("Save these recovery codes now").waitFor();
    recoveryCodes = await page.getByTestId("recovery-code").allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await page.screenshot({ path: "test-results/account-recovery-codes.png", fullPage: true });
    await page.getByRole("button", { name: "I have saved them" }).click();
    await page.getByText("10 recovery codes left").waitFor();
    await page.screenshot({ path: "test-results/account-mfa-on.png", fullPage: true });
    await page.goto(`/m/${acme}`);
    await expect(page.getByText("Protect your admin account.").count()).resolves.toBe(0);
    const stored = await query<{ secret_enc: string }>(
      "select f.secret_enc from mfa_factors f join users u on u.id = f.user_id where u.email = $1",
      [email],
    );
    expect(stored[0]!.secret_enc).not.toContain(secret);
    await context.close();
  });

  it("the password alone opens nothing; the session is issued only after the code, and a code works once", async () => {
    const context = await browser.newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    await passwordStep(page);
    await page.getByLabel("Authentication code").waitFor();
    const cookies = await context.cookies();
    expect(cookies.some((c) => c.name.includes("session-token"))).toBe(false);
    expect(cookies.find((c) => c.name === "portal.mfa-challenge")?.httpOnly).toBe(true);
    await page.screenshot({ path: "test-results/account-mfa-login.png", fullPage: true });

    // Half signed in: pages and data routes still treat the browser as anonymous.
    const other = await context.newPage();
    await other.goto(`/m/${acme}`);
    expect(new URL(other.url()).pathname).toBe("/login");
    await other.goto("/account/security");
    expect(new URL(other.url()).pathname).toBe("/login");
    const api = await context.request.get(`/api/m/${acme}/transactions.csv`);
    expect(api.status()).toBe(401);
    await other.close();

    await codeStep(page, "123456");
    await page.getByText("That code is not right").waitFor();
    const code = freshCode();
    await codeStep(page, code);
    await page.waitForURL((u) => u.pathname === `/m/${acme}`);
    await context.close();

    // The same code again, right after the right password: refused (replay within its window).
    const again = await browser.newContext({ baseURL: baseUrl() });
    const p2 = await again.newPage();
    await passwordStep(p2);
    await codeStep(p2, code);
    await p2.getByText("That code is not right").waitFor();
    expect(new URL(p2.url()).pathname).toBe("/login");
    // A recovery code instead works, once.
    await codeStep(p2, recoveryCodes[0]!);
    await p2.waitForURL((u) => u.pathname === `/m/${acme}`);
    await again.close();

    const third = await browser.newContext({ baseURL: baseUrl() });
    const p3 = await third.newPage();
    await passwordStep(p3);
    await codeStep(p3, recoveryCodes[0]!);
    await p3.getByText("That code is not right").waitFor();
    await third.close();
  });

  it("a scripted sign-in with the password alone gets no session for an MFA user", async () => {
    const csrfRes = await fetch(`${baseUrl()}/api/auth/csrf`);
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const cookie = csrfRes.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const res = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": "203.0.113.77" },
      body: new URLSearchParams({ email, password: PASSWORD, csrfToken, callbackUrl: "/" }),
    });
    expect(res.headers.get("location") ?? "").toContain("code=mfa_required");
    expect(res.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(false);
  });

  it("login throttling covers the code step: wrong codes use up the account's budget, then sign-in is refused", async () => {
    const context = await browser.newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    const failures = async () =>
      (await query<{ points: number }>("select points from rate_limits where key = $1", [`login_account:${email}`]))[0]
        ?.points ?? 0;
    // Only wrong codes from here on (the password is right every time): five per challenge, then the password again.
    let codes = 0;
    while ((await failures()) < 10) {
      if (codes % 5 === 0) {
        await passwordStep(page);
        await page.getByLabel("Authentication code").waitFor();
      }
      await codeStep(page, String(100000 + codes));
      codes++;
      expect(codes).toBeLessThanOrEqual(10);
    }
    // The account is locked for the rest of the window: the right password is refused before any code.
    await passwordStep(page);
    await page.getByText("Too many failed attempts").waitFor();
    expect(await page.getByLabel("Authentication code").count()).toBe(0);
    await context.close();
  });
});

describe("managing the second factor", () => {
  it("regenerates recovery codes with the password (old ones stop working) and turns MFA off with a code", async () => {
    const who = `mfa-manage-${Date.now()}@example.test`;
    const [u] = await query<{ id: string }>(
      "insert into users (email, name, password_hash) values ($1, 'MFA Manager', $2) returning id",
      [who, await hashPassword(PASSWORD)],
    );
    await query("insert into memberships (user_id, merchant_id, role) values ($1, $2, 'merchant_admin')", [
      u!.id,
      acme,
    ]);
    const { context, page } = await loginAs(browser, who, PASSWORD);
    await page.goto("/account/security");
    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    const key = ((await page.getByTestId("mfa-secret").textContent()) ?? "").replace(/\s+/g, "");
    await page.getByLabel("Enter the 6-digit code the app shows").fill(totpCode(key));
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByText("Save these recovery codes now").waitFor();
    const first = await page.getByTestId("recovery-code").allTextContents();
    expect(first).toHaveLength(10);
    await page.getByRole("button", { name: "I have saved them" }).click();
    await page.getByText("10 recovery codes left").waitFor();

    const regen = page.getByRole("form", { name: "New recovery codes" });
    await regen.getByLabel("or your password").fill("not-my-password");
    await regen.getByRole("button", { name: "Generate new recovery codes" }).click();
    await regen.getByText("Your current password is not right.").waitFor();
    await regen.getByLabel("or your password").fill(PASSWORD);
    await regen.getByRole("button", { name: "Generate new recovery codes" }).click();
    await page.getByText("Save these recovery codes now").waitFor();
    const second = await page.getByTestId("recovery-code").allTextContents();
    expect(second).toHaveLength(10);
    expect(second.some((c) => first.includes(c))).toBe(false);
    await page.getByRole("button", { name: "I have saved them" }).click();
    const live = await query<{ n: number }>(
      "select count(*)::int as n from mfa_recovery_codes where user_id = $1 and used_at is null",
      [u!.id],
    );
    expect(live[0]!.n).toBe(10);

    const off = page.getByRole("form", { name: "Turn off two-factor authentication" });
    await off.getByLabel("Authentication code").fill(totpCode(key, Date.now() + PERIOD * 1000));
    await off.getByRole("button", { name: "Turn off" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Turn off" }).click();
    await page.getByRole("button", { name: "Set up two-factor authentication" }).waitFor();
    const audit = await query<{ action: string }>(
      "select action from audit_log where target_id = $1 and action like 'user.mfa_%' order by id",
      [u!.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      "user.mfa_enabled",
      "user.mfa_recovery_codes_regenerated",
      "user.mfa_disabled",
    ]);
    await context.close();
    // The password alone signs in again.
    const again = await loginAs(browser, who, PASSWORD);
    expect(new URL(again.page.url()).pathname).toBe(`/m/${acme}`);
    await again.context.close();
  });
});
