import type { Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import { linkIn } from "@/tests/helpers/smtp";
import { expect, test } from "../fixtures";
import { hydrated, merchantId, query, receivedMail } from "../helpers";

const onPath = (path: string) => (u: URL) => u.pathname === path;

/** A fresh admin of Acme Coffee with a password (the demo logins stay untouched). */
async function makeAdmin(tag: string, password: string): Promise<string> {
  const email = `${tag}-${Date.now()}@example.test`;
  const [u] = await query<{ id: string }>(
    "insert into users (email, name, password_hash) values ($1, $2, $3) returning id",
    [email, `${tag} admin`, await hashPassword(password)],
  );
  await query("insert into memberships (user_id, merchant_id, role) values ($1, $2, 'merchant_admin')", [
    u!.id,
    await merchantId("Acme Coffee"),
  ]);
  return email;
}

/** Submits the login form in `page` and expects it to be refused. */
async function expectRefused(page: Page, email: string, password: string) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
}

async function fillNewPassword(page: Page, current: string, next: string) {
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Repeat the new password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
}

test.describe("change password", () => {
  test("ends the other browser's session (next page and next action go to /login); this one stays signed in", async ({
    signIn,
    visitor,
  }) => {
    const acme = await merchantId("Acme Coffee");
    const email = await makeAdmin("pw-change", "first-password-2026");
    const a = await signIn(email, "first-password-2026");
    const b = await signIn(email, "first-password-2026");
    await b.page.goto("/account/security");
    await a.page.goto("/account/security");

    await fillNewPassword(a.page, "first-password-2026", "password1234");
    await expect(a.page.getByText("This password is too common")).toBeVisible();
    await fillNewPassword(a.page, "first-password-2026", "second-password-2026");
    await expect(a.page.getByText("Password changed.")).toBeVisible();
    await a.page.screenshot({ path: "test-results/account-security.png", fullPage: true });

    // B's next action (its page is still open) is refused and sends it to sign-in.
    await fillNewPassword(b.page, "first-password-2026", "third-password-2026");
    await expect(b.page).toHaveURL(onPath("/login"));
    // B's next page request too.
    await b.page.goto(`/m/${acme}`);
    await expect(b.page).toHaveURL(onPath("/login"));

    // A was re-issued a session under the new version.
    await a.page.goto(`/m/${acme}`);
    await expect(a.page).toHaveURL(onPath(`/m/${acme}`));
    const audit = await query<{ action: string }>(
      "select action from audit_log where action = 'user.password_changed' and target_id = (select id::text from users where email = $1)",
      [email],
    );
    expect(audit).toHaveLength(1);

    await expectRefused((await visitor()).page, email, "first-password-2026");
  });
});

test.describe("sign out everywhere", () => {
  test("ends every session of the user, this one included", async ({ signIn }) => {
    const acme = await merchantId("Acme Coffee");
    const email = await makeAdmin("pw-everywhere", "everywhere-password-2026");
    const a = await signIn(email, "everywhere-password-2026");
    const b = await signIn(email, "everywhere-password-2026");
    await a.page.goto("/account/security");
    await a.page.getByRole("button", { name: "Sign out everywhere" }).click();
    await a.page.getByRole("dialog").getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(a.page).toHaveURL(onPath("/login"));
    await expect(a.page.getByText("You were signed out on every device.")).toBeVisible();
    await b.page.goto(`/m/${acme}`);
    await expect(b.page).toHaveURL(onPath("/login"));
  });
});

test.describe("forgot password", () => {
  test("answers the same for known and unknown emails, and the one-time link emailed to the account resets the password", async ({
    page,
    signIn,
    visitor,
    mail,
  }) => {
    const acme = await merchantId("Acme Coffee");
    const email = await makeAdmin("pw-reset", "forgotten-password-2026");
    const signedIn = await signIn(email, "forgotten-password-2026");

    const ask = async (who: string) => {
      await page.goto("/login");
      await page.getByRole("link", { name: "Forgot password?" }).click();
      await expect(page).toHaveURL(/\/forgot-password$/);
      await page.getByLabel("Email").fill(who);
      await page.getByRole("button", { name: "Send reset link" }).click();
      const status = page.getByRole("status").filter({ hasText: "If an account exists" });
      await expect(status).toBeVisible();
      return status.textContent();
    };
    const unknown = await ask(`nobody-${Date.now()}@example.test`);
    const known = await ask(email);
    expect(known).toBe(unknown);
    await page.screenshot({ path: "test-results/account-forgot.png", fullPage: true });

    // The link travels by email to the account's own address (over SMTP); no page shows it to a signed-out visitor.
    const m = await receivedMail(mail, (x) => x.to.includes(email));
    expect(m.to).toEqual([email]);
    const link = new URL(linkIn(m, "/reset-password/") ?? "http://missing/").pathname;
    expect(link).toMatch(/^\/reset-password\/[A-Za-z0-9_-]{43,}$/);
    await page.goto("/mailbox");
    await expect(page).toHaveURL(onPath("/login"));

    await page.goto(link);
    await page.getByLabel("New password", { exact: true }).fill("brand-new-password-2026");
    await page.getByLabel("Repeat the password").fill("brand-new-password-2026");
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByText("Your password is set.")).toBeVisible();

    // Single use.
    await page.goto(link);
    await expect(page.getByText("This link has expired or was already used.")).toBeVisible();
    // The session opened before the reset has ended.
    await signedIn.page.goto(`/m/${acme}`);
    await expect(signedIn.page).toHaveURL(onPath("/login"));
    // The new password works, the old one does not.
    await expectRefused((await visitor()).page, email, "forgotten-password-2026");
    const fresh = await signIn(email, "brand-new-password-2026");
    await expect(fresh.page).toHaveURL(onPath(`/m/${acme}`));
  });
});
