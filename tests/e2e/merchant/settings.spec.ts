import { readFileSync } from "node:fs";
import { describeAs, expect, test } from "../fixtures";
import { merchantId, query, receivedMail } from "../helpers";
import { linkIn } from "@/tests/helpers/smtp";

/**
 * Settings & team and the audit log viewer, as a merchant admin: invite a member (who sets a password from the
 * link mailed to them — it arrives over SMTP — and signs in as staff), change their role, remove them, then find
 * those changes in the audit log with filters and download them as CSV.
 */

describeAs("blueFernOwner", "settings & team", () => {
  test("an admin invites, promotes and removes a member; the audit log shows it, filtered, and exports it as CSV", async ({
    page,
    signIn,
    visitor,
    mail,
  }) => {
    const id = await merchantId("Blue Fern Studio");
    const email = `ivy-${Date.now()}@example.test`;
    await page.goto(`/m/${id}/settings`);
    await expect(page.getByRole("heading", { name: "Settings & team" })).toBeVisible();
    // Processing details are read-only; the admin's own row cannot be removed.
    await expect(page.getByText("Merchant ID (MID)")).toBeVisible();
    const self = page.locator('tr[data-member="owner@bluefern.test"]');
    await expect(self.getByRole("combobox")).toBeDisabled();
    await expect(self.getByRole("button", { name: /Remove/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: /Your account security/ })).toHaveAttribute(
      "href",
      "/account/security",
    );

    // Invite: a bad address is a field error, then a real one goes through.
    const invite = page.getByRole("form", { name: "Invite a team member" });
    await invite.getByLabel("Name").fill("Ivy Invitee");
    await invite.getByLabel("Email").fill("not-an-email");
    await invite.evaluate((f: HTMLFormElement) => (f.noValidate = true));
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await expect(invite.getByText("Enter an email address like name@example.com.")).toBeVisible();
    await expect(invite.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await invite.getByLabel("Email").fill(email);
    await invite.getByLabel("Role").selectOption("merchant_staff");
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await expect(invite.getByText(`Invitation emailed to ${email}.`)).toBeVisible();
    // Not on the team yet: an open invitation, with no link anywhere on the page.
    await expect(page.locator(`li[data-invitation="${email}"]`).getByText("new account")).toBeVisible();
    expect(await page.content()).not.toContain("/set-password/");
    const row = page.locator(`tr[data-member="${email}"]`);
    await page.screenshot({ path: "test-results/settings-team.png", fullPage: true });

    // The invitee sets a password from the link mailed to them and signs in as staff (no settings for staff).
    const m = await receivedMail(mail, (x) => x.to.includes(email));
    const link = linkIn(m, "/set-password/");
    expect(link).toBeTruthy();
    const invitee = (await visitor()).page;
    const res = await invitee.goto(link!);
    expect(res?.headers()["referrer-policy"]).toBe("no-referrer");
    await invitee.getByLabel("New password").fill("correct-horse-battery-staple-9");
    await invitee.getByLabel("Repeat the password").fill("correct-horse-battery-staple-9");
    await invitee.getByRole("button", { name: /password/i }).click();
    await expect(invitee.getByText("Your password is set")).toBeVisible();
    const staff = (await signIn(email, "correct-horse-battery-staple-9")).page;
    await expect(staff).toHaveURL((u) => u.pathname === `/m/${id}`);
    expect((await staff.goto(`/m/${id}/settings`))?.status()).toBe(403);
    expect((await staff.goto(`/m/${id}/settings/audit`))?.status()).toBe(403);
    expect((await staff.request.get(`/api/m/${id}/audit.csv`)).status()).toBe(403);

    // Promote with a confirmation.
    await page.reload();
    await expect(row.getByText("Active")).toBeVisible();
    await row.getByRole("combobox").selectOption("merchant_admin");
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByText("Make Ivy Invitee admin?")).toBeVisible();
    await dialog.getByRole("button", { name: "Change role" }).click();
    await expect(page.getByText("Ivy Invitee is now admin.")).toBeVisible();
    await expect(row.getByRole("combobox")).toHaveValue("merchant_admin");
    // The promoted member now has the admin sections on their next request.
    expect((await staff.goto(`/m/${id}/settings`))?.status()).toBe(200);

    // Remove with a confirmation; access ends at once: a removed membership ends the member's sessions (issue 16),
    // so their next request lands on the sign-in page.
    await row.getByRole("button", { name: "Remove Ivy Invitee" }).click();
    await expect(dialog.getByText("Remove Ivy Invitee?")).toBeVisible();
    await dialog.getByRole("button", { name: "Remove member" }).click();
    await expect(page.getByText(/Ivy Invitee was removed/)).toBeVisible();
    await expect(row).toHaveCount(0);
    await staff.goto(`/m/${id}`);
    await expect(staff).toHaveURL((u) => u.pathname === "/login");
    await expect(staff.getByRole("heading", { name: "Sign in to the merchant portal" })).toBeVisible();

    // The audit log: all three changes, by this admin, today.
    await page.getByRole("link", { name: "Audit log →" }).click();
    await expect(page).toHaveURL(/\/settings\/audit$/);
    const rows = page.locator("tr[data-audit-row]");
    await expect(rows.first()).toBeVisible();
    const [owner] = await query<{ id: string }>("select id from users where email = 'owner@bluefern.test'");
    const today = new Date().toISOString().slice(0, 10);
    const filters = page.getByRole("form", { name: "Filter the audit log" });
    await filters.getByLabel("Actor", { exact: true }).selectOption(owner!.id);
    await filters.getByLabel("Action", { exact: true }).selectOption("member.");
    await filters.getByLabel("From", { exact: true }).fill(today);
    await filters.getByLabel("To", { exact: true }).fill(today);
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/action=member\./);
    const memberActions = ["member.removed", "member.role_changed", "member.invited"];
    const shown = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-audit-row")));
    // Newest first, and nothing but the member changes once the filtered list has rendered.
    await expect.poll(async () => new Set(await shown())).toEqual(new Set(memberActions));
    const actions = await shown();
    expect(actions.slice(0, 3)).toEqual(memberActions);
    await expect(rows.nth(1)).toContainText("merchant_staff → merchant_admin");
    await expect(rows.nth(0)).toContainText("Bea Fern");
    await page.screenshot({ path: "test-results/settings-audit.png", fullPage: true });

    // A day with nothing in it is an empty state, not an error.
    await page.goto(`/m/${id}/settings/audit?from=2001-01-01&to=2001-01-02`);
    await expect(page.getByText("No entries match these filters.")).toBeVisible();
    await page.goBack();

    // CSV of the filtered view.
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV (filtered)" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    const lines = csv.trim().split("\n");
    expect(lines[0]).toContain("time_utc,actor_user_id,actor_name,actor_email");
    expect(lines).toHaveLength(1 + actions.length);
    expect(csv).toContain("member.invited");
    expect(csv).toContain(email);
  });
});
