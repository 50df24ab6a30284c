import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkIn, type SmtpListener } from "@/tests/helpers/smtp";
import { eventually, launchBrowser, listenForMail, loginAs, merchantId, query } from "../helpers";

/**
 * Settings & team and the audit log viewer, as a merchant admin: invite a member (who sets a password from the
 * link mailed to them — it arrives over SMTP — and signs in as staff), change their role, remove them, then find
 * those changes in the audit log with filters and download them as CSV.
 */

let browser: Browser;
let mail: SmtpListener;
beforeAll(async () => {
  browser = await launchBrowser();
  mail = await listenForMail();
});
afterAll(async () => {
  await browser?.close();
  await mail?.stop();
});

describe("settings & team", () => {
  it("an admin invites, promotes and removes a member; the audit log shows it, filtered, and exports it as CSV", async () => {
    const id = await merchantId("Blue Fern Studio");
    const email = `ivy-${Date.now()}@example.test`;
    const { context, page } = await loginAs(browser, "owner@bluefern.test");
    await page.goto(`/m/${id}/settings`);
    await page.getByRole("heading", { name: "Settings & team" }).waitFor();
    // Processing details are read-only; the admin's own row cannot be removed.
    await expect(page.getByText("Merchant ID (MID)").isVisible()).resolves.toBe(true);
    const self = page.locator('tr[data-member="owner@bluefern.test"]');
    await expect(self.getByRole("button", { name: /Remove/ }).count()).resolves.toBe(0);
    await expect(self.getByRole("combobox").isDisabled()).resolves.toBe(true);
    await expect(page.getByRole("link", { name: /Your account security/ }).getAttribute("href")).resolves.toBe(
      "/account/security",
    );

    // Invite: a bad address is a field error, then a real one goes through.
    const invite = page.getByRole("form", { name: "Invite a team member" });
    await invite.getByLabel("Name").fill("Ivy Invitee");
    await invite.getByLabel("Email").fill("not-an-email");
    await invite.evaluate((f: HTMLFormElement) => (f.noValidate = true));
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await invite.getByText("Enter an email address like name@example.com.").waitFor();
    await expect(invite.getByLabel("Email").getAttribute("aria-invalid")).resolves.toBe("true");
    await invite.getByLabel("Email").fill(email);
    await invite.getByLabel("Role").selectOption("merchant_staff");
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await invite.getByText(`Invitation emailed to ${email}.`).waitFor();
    // Not on the team yet: an open invitation, with no link anywhere on the page.
    await page.locator(`li[data-invitation="${email}"]`).getByText("new account").waitFor();
    expect(await page.content()).not.toContain("/set-password/");
    const row = page.locator(`tr[data-member="${email}"]`);
    await page.screenshot({ path: "test-results/settings-team.png", fullPage: true });

    // The invitee sets a password from the link mailed to them and signs in as staff (no settings for staff).
    const m = await mail.waitFor((x) => x.to.includes(email), 30_000);
    const link = linkIn(m, "/set-password/");
    expect(link).toBeTruthy();
    const invitee = await browser.newContext();
    const ip = await invitee.newPage();
    const res = await ip.goto(link!);
    expect(res?.headers()["referrer-policy"]).toBe("no-referrer");
    await ip.getByLabel("New password").fill("correct-horse-battery-staple-9");
    await ip.getByLabel("Repeat the password").fill("correct-horse-battery-staple-9");
    await ip.getByRole("button", { name: /password/i }).click();
    await ip.getByText("Your password is set").waitFor();
    await invitee.close();
    const staff = await loginAs(browser, email, "correct-horse-battery-staple-9");
    expect(new URL(staff.page.url()).pathname).toBe(`/m/${id}`);
    expect((await staff.page.goto(`/m/${id}/settings`))?.status()).toBe(403);
    expect((await staff.page.goto(`/m/${id}/settings/audit`))?.status()).toBe(403);
    expect((await staff.page.request.get(`/api/m/${id}/audit.csv`)).status()).toBe(403);

    // Promote with a confirmation.
    await page.reload();
    await row.getByText("Active").waitFor();
    await row.getByRole("combobox").selectOption("merchant_admin");
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Make Ivy Invitee admin?").waitFor();
    await dialog.getByRole("button", { name: "Change role" }).click();
    await page.getByText("Ivy Invitee is now admin.").waitFor();
    await eventually(async () => (await row.getByRole("combobox").inputValue()) === "merchant_admin");
    // The promoted member now has the admin sections on their next request.
    expect((await staff.page.goto(`/m/${id}/settings`))?.status()).toBe(200);

    // Remove with a confirmation; access ends at once.
    await row.getByRole("button", { name: "Remove Ivy Invitee" }).click();
    await dialog.getByText("Remove Ivy Invitee?").waitFor();
    await dialog.getByRole("button", { name: "Remove member" }).click();
    await page.getByText(/Ivy Invitee was removed/).waitFor();
    await row.waitFor({ state: "detached" });
    expect((await staff.page.goto(`/m/${id}`))?.status()).toBe(404);
    await staff.context.close();

    // The audit log: all three changes, by this admin, today.
    await page.getByRole("link", { name: "Audit log →" }).click();
    await page.waitForURL(/\/settings\/audit$/);
    const rows = page.locator("tr[data-audit-row]");
    await rows.first().waitFor();
    const [owner] = await query<{ id: string }>("select id from users where email = 'owner@bluefern.test'");
    const today = new Date().toISOString().slice(0, 10);
    const filters = page.getByRole("form", { name: "Filter the audit log" });
    await filters.getByLabel("Actor", { exact: true }).selectOption(owner!.id);
    await filters.getByLabel("Action", { exact: true }).selectOption("member.");
    await filters.getByLabel("From", { exact: true }).fill(today);
    await filters.getByLabel("To", { exact: true }).fill(today);
    await filters.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/action=member\./);
    const actions = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-audit-row")));
    expect(actions.slice(0, 3)).toEqual(["member.removed", "member.role_changed", "member.invited"]);
    expect(new Set(actions)).toEqual(new Set(["member.removed", "member.role_changed", "member.invited"]));
    await expect(rows.nth(1).textContent()).resolves.toContain("merchant_staff → merchant_admin");
    await expect(rows.nth(0).textContent()).resolves.toContain("Bea Fern");
    await page.screenshot({ path: "test-results/settings-audit.png", fullPage: true });

    // A day with nothing in it is an empty state, not an error.
    await page.goto(`/m/${id}/settings/audit?from=2001-01-01&to=2001-01-02`);
    await page.getByText("No entries match these filters.").waitFor();
    await page.goBack();

    // CSV of the filtered view.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV (filtered)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    const lines = csv.trim().split("\n");
    expect(lines[0]).toContain("time_utc,actor_user_id,actor_name,actor_email");
    expect(lines).toHaveLength(1 + actions.length);
    expect(csv).toContain("member.invited");
    expect(csv).toContain(email);
    await context.close();
  });
});
