import type { Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import { PERIOD, totpCode } from "@/lib/services/account/totp";
import { expect, test } from "../fixtures";
import { hydrated, merchantId, query, scriptedSignIn } from "../helpers";

const PASSWORD = "mfa-e2e-password-2026";
const onPath = (path: string) => (u: URL) => u.pathname === path;

/**
 * An admin of Acme Coffee with a password (the demo logins stay password-only for the other specs), whose account
 * is two days old unless `brandNew` (the reminder waits for an account's second day).
 */
async function makeAdmin(tag: string, name: string, brandNew = false): Promise<{ id: string; email: string }> {
  const email = `${tag}-${Date.now()}@example.test`;
  const [u] = await query<{ id: string }>(
    `insert into users (email, name, password_hash, created_at) values ($1, $2, $3, now() - interval '${brandNew ? 0 : 2} days') returning id`,
    [email, name, await hashPassword(PASSWORD)],
  );
  await query("insert into memberships (user_id, merchant_id, role) values ($1, $2, 'merchant_admin')", [
    u!.id,
    await merchantId("Acme Coffee"),
  ]);
  return { id: u!.id, email };
}

/** The password step of the login form (hydrated first: before it, the form's client action does nothing). */
async function passwordStep(page: Page, email: string) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function codeStep(page: Page, code: string) {
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

test.describe("the two-factor reminder", () => {
  test("is not shown on a brand-new admin's first day, and 'Not now' hides it", async ({ signIn }) => {
    const fresh = await makeAdmin("mfa-new", "New Admin", true);
    const first = await signIn(fresh.email, PASSWORD);
    await first.page.goto(`/m/${await merchantId("Acme Coffee")}`);
    await expect(first.page.getByRole("navigation", { name: "Merchant sections" })).toBeVisible();
    await expect(first.page.getByText("Protect your admin account.")).toHaveCount(0);

    const older = await makeAdmin("mfa-later", "Later Admin");
    const { page } = await signIn(older.email, PASSWORD);
    await page.goto(`/m/${await merchantId("Acme Coffee")}`);
    await expect(page.getByText("Protect your admin account.")).toBeVisible();
    await hydrated(page);
    await page.getByRole("button", { name: "Not now" }).click();
    await expect(page.getByText("Protect your admin account.")).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("navigation", { name: "Merchant sections" })).toBeVisible();
    await expect(page.getByText("Protect your admin account.")).toHaveCount(0);
  });
});

test.describe("TOTP two-factor authentication", () => {
  // One admin goes through enrolment, sign-in and lock-out in order: a failed step skips the rest.
  test.describe.configure({ mode: "serial" });

  let acme: string;
  let email: string;
  let secret = "";
  let recoveryCodes: string[] = [];
  /** A code of a later 30-second step than any used so far (each step is accepted once). */
  let offset = 0;
  const freshCode = () => totpCode(secret, Date.now() + ++offset * PERIOD * 1000);

  test.beforeAll(async () => {
    acme = await merchantId("Acme Coffee");
    email = (await makeAdmin("mfa-e2e", "MFA Admin")).email;
  });

  test("an admin without MFA sees the banner and enrols from Account security (QR, key, code, ten recovery codes)", async ({
    signIn,
  }) => {
    const { page } = await signIn(email, PASSWORD);
    await expect(page.getByText("Protect your admin account.")).toBeVisible();
    await page.getByRole("link", { name: "Account security" }).click();
    await expect(page).toHaveURL(/\/account\/security$/);
    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    const qr = page.getByRole("img", { name: "QR code to scan with your authenticator app" });
    await expect(qr.locator("svg")).toBeVisible();
    const key = page.getByTestId("mfa-secret");
    await expect(key).toHaveText(/^[A-Z2-7\s]+$/);
    secret = ((await key.textContent()) ?? "").replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.screenshot({ path: "test-results/account-mfa-enrol.png", fullPage: true });

    await page.getByLabel("Enter the 6-digit code the app shows").fill("000000");
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect(page.getByText("That code is not right").first()).toBeVisible();
    await page.getByLabel("Enter the 6-digit code the app shows").fill(totpCode(secret));
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect(page.getByText("Save these recovery codes now")).toBeVisible();
    await expect(page.getByTestId("recovery-code")).toHaveCount(10);
    recoveryCodes = await page.getByTestId("recovery-code").allTextContents();
    await page.screenshot({ path: "test-results/account-recovery-codes.png", fullPage: true });
    await page.getByRole("button", { name: "I have saved them" }).click();
    await expect(page.getByText("10 recovery codes left")).toBeVisible();
    await page.screenshot({ path: "test-results/account-mfa-on.png", fullPage: true });
    await page.goto(`/m/${acme}`);
    await expect(page.getByRole("navigation", { name: "Merchant sections" })).toBeVisible();
    await expect(page.getByText("Protect your admin account.")).toHaveCount(0);
    const stored = await query<{ secret_enc: string }>(
      "select f.secret_enc from mfa_factors f join users u on u.id = f.user_id where u.email = $1",
      [email],
    );
    expect(stored[0]!.secret_enc).not.toContain(secret);
  });

  test("the password alone opens nothing; the session is issued only after the code, and a code works once", async ({
    visitor,
  }) => {
    const { context, page } = await visitor();
    await passwordStep(page, email);
    await expect(page.getByLabel("Authentication code")).toBeVisible();
    const cookies = await context.cookies();
    expect(cookies.some((c) => c.name.includes("session-token"))).toBe(false);
    expect(cookies.find((c) => c.name === "portal.mfa-challenge")?.httpOnly).toBe(true);
    await page.screenshot({ path: "test-results/account-mfa-login.png", fullPage: true });

    // Half signed in: pages and data routes still treat the browser as anonymous.
    const other = await context.newPage();
    await other.goto(`/m/${acme}`);
    await expect(other).toHaveURL(onPath("/login"));
    await other.goto("/account/security");
    await expect(other).toHaveURL(onPath("/login"));
    const api = await context.request.get(`/api/m/${acme}/transactions.csv`);
    expect(api.status()).toBe(401);
    await other.close();

    await codeStep(page, "123456");
    await expect(page.getByText("That code is not right")).toBeVisible();
    const code = freshCode();
    await codeStep(page, code);
    await expect(page).toHaveURL(onPath(`/m/${acme}`));

    // The same code again, right after the right password: refused (replay within its window).
    const again = (await visitor()).page;
    await passwordStep(again, email);
    await codeStep(again, code);
    await expect(again.getByText("That code is not right")).toBeVisible();
    await expect(again).toHaveURL(onPath("/login"));
    // A recovery code instead works, once.
    await codeStep(again, recoveryCodes[0]!);
    await expect(again).toHaveURL(onPath(`/m/${acme}`));

    const third = (await visitor()).page;
    await passwordStep(third, email);
    await codeStep(third, recoveryCodes[0]!);
    await expect(third.getByText("That code is not right")).toBeVisible();
  });

  test("a scripted sign-in with the password alone gets no session for an MFA user", async () => {
    const res = await scriptedSignIn(
      { email, password: PASSWORD, callbackUrl: "/" },
      { "x-forwarded-for": "203.0.113.77" },
    );
    expect(res.headers.get("location") ?? "").toContain("code=mfa_required");
    expect(res.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(false);
  });

  test("login throttling covers the code step: wrong codes use up the account's budget, then sign-in is refused", async ({
    page,
  }) => {
    const failures = async () =>
      (await query<{ points: number }>("select points from rate_limits where key = $1", [`login_account:${email}`]))[0]
        ?.points ?? 0;
    // Only wrong codes from here on (the password is right every time): five per challenge, then the password again.
    let codes = 0;
    while ((await failures()) < 10) {
      if (codes % 5 === 0) {
        await passwordStep(page, email);
        await expect(page.getByLabel("Authentication code")).toBeVisible();
      }
      const before = await failures();
      await codeStep(page, String(100000 + codes));
      // Each wrong code costs the account one attempt.
      await expect.poll(failures).toBeGreaterThan(before);
      codes++;
      expect(codes).toBeLessThanOrEqual(10);
    }
    // The account is locked for the rest of the window: the right password is refused before any code.
    await passwordStep(page, email);
    await expect(page.getByText("Too many failed attempts")).toBeVisible();
    await expect(page.getByLabel("Authentication code")).toHaveCount(0);
  });
});

test.describe("managing the second factor", () => {
  test("regenerates recovery codes with the password (old ones stop working) and turns MFA off with a code", async ({
    signIn,
  }) => {
    const acme = await merchantId("Acme Coffee");
    const who = await makeAdmin("mfa-manage", "MFA Manager");
    const { page } = await signIn(who.email, PASSWORD);
    await page.goto("/account/security");
    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    const keyText = page.getByTestId("mfa-secret");
    await expect(keyText).toHaveText(/^[A-Z2-7\s]+$/);
    const key = ((await keyText.textContent()) ?? "").replace(/\s+/g, "");
    await page.getByLabel("Enter the 6-digit code the app shows").fill(totpCode(key));
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect(page.getByText("Save these recovery codes now")).toBeVisible();
    await expect(page.getByTestId("recovery-code")).toHaveCount(10);
    const first = await page.getByTestId("recovery-code").allTextContents();
    await page.getByRole("button", { name: "I have saved them" }).click();
    await expect(page.getByText("10 recovery codes left")).toBeVisible();

    const regen = page.getByRole("form", { name: "New recovery codes" });
    await regen.getByLabel("or your password").fill("not-my-password");
    await regen.getByRole("button", { name: "Generate new recovery codes" }).click();
    await expect(regen.getByText("Your current password is not right.")).toBeVisible();
    await regen.getByLabel("or your password").fill(PASSWORD);
    await regen.getByRole("button", { name: "Generate new recovery codes" }).click();
    await expect(page.getByText("Save these recovery codes now")).toBeVisible();
    await expect(page.getByTestId("recovery-code")).toHaveCount(10);
    const second = await page.getByTestId("recovery-code").allTextContents();
    expect(second.some((c) => first.includes(c))).toBe(false);
    await page.getByRole("button", { name: "I have saved them" }).click();
    const live = await query<{ n: number }>(
      "select count(*)::int as n from mfa_recovery_codes where user_id = $1 and used_at is null",
      [who.id],
    );
    expect(live[0]!.n).toBe(10);

    const off = page.getByRole("form", { name: "Turn off two-factor authentication" });
    await off.getByLabel("Authentication code").fill(totpCode(key, Date.now() + PERIOD * 1000));
    await off.getByRole("button", { name: "Turn off" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Turn off" }).click();
    await expect(page.getByRole("button", { name: "Set up two-factor authentication" })).toBeVisible();
    const audit = await query<{ action: string }>(
      "select action from audit_log where target_id = $1 and action like 'user.mfa_%' order by id",
      [who.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      "user.mfa_enabled",
      "user.mfa_recovery_codes_regenerated",
      "user.mfa_disabled",
    ]);
    // The password alone signs in again.
    const again = await signIn(who.email, PASSWORD);
    await expect(again.page).toHaveURL(onPath(`/m/${acme}`));
  });
});
