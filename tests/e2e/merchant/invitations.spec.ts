import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SmtpListener } from "@/tests/helpers/smtp";
import { eventually, launchBrowser, listenForMail, loginAs, merchantId, query } from "../helpers";

/**
 * The cross-tenant takeover of issue 15, tried the way a tenant would: the Acme owner invites the Blue Fern owner.
 * Nothing the Acme owner can open holds a link that sets Blue Fern's password; the Blue Fern owner signs in as
 * themselves, sees the invitation, accepts it and switches between both businesses.
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

const CREDENTIAL_LINK = /\/(set-password|reset-password)\/[A-Za-z0-9_-]{20,}/;

describe("invitations between tenants", () => {
  it("Acme's owner invites Blue Fern's owner: no password link reaches Acme; Blue Fern accepts and switches between both", async () => {
    const acme = await merchantId("Acme Coffee");
    const fern = await merchantId("Blue Fern Studio");
    const inviter = await loginAs(browser, "owner@acme.test");
    const page = inviter.page;
    await page.goto(`/m/${acme}/settings`);
    const invite = page.getByRole("form", { name: "Invite a team member" });
    await invite.getByLabel("Name").fill("Bea Fern");
    await invite.getByLabel("Email").fill("owner@bluefern.test");
    await invite.getByLabel("Role").selectOption("merchant_staff");
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await invite.getByText("They already have an account: they accept it after signing in.").waitFor();
    await page.locator('li[data-invitation="owner@bluefern.test"]').waitFor();

    // The Acme owner even asks for a password reset of the Blue Fern account: it goes to Blue Fern's mailbox only.
    const anon = await browser.newContext();
    const ap = await anon.newPage();
    await ap.goto(new URL("/forgot-password", page.url()).toString());
    await ap.getByLabel("Email").fill("owner@bluefern.test");
    await ap.getByRole("button", { name: "Send reset link" }).click();
    await ap.getByRole("status").filter({ hasText: "If an account exists" }).waitFor();
    await anon.close();

    // Both messages arrive over SMTP, addressed to Blue Fern's owner only; the invitation carries no password link.
    const invitation = await mail.waitFor(
      (m) => m.to.includes("owner@bluefern.test") && /invited you/.test(m.subject),
      30_000,
    );
    expect(invitation.to).toEqual(["owner@bluefern.test"]);
    expect(invitation.text).not.toMatch(CREDENTIAL_LINK);
    const reset = await mail.waitFor((m) => m.to.includes("owner@bluefern.test") && /reset/i.test(m.subject), 30_000);
    expect(reset.to).toEqual(["owner@bluefern.test"]);

    // Everything the Acme owner can open: none of it holds a link that sets a password.
    await eventually(async () => {
      const s = await query<{ status: string }>(
        "select status from mail_messages where \"to\" = 'owner@bluefern.test' and merchant_id = $1",
        [acme],
      );
      return s.length > 0 && s.every((r) => r.status === "sent");
    });
    for (const path of [
      `/m/${acme}/settings`,
      `/m/${acme}/settings/messages`,
      `/m/${acme}/settings/audit`,
      `/m/${acme}/invoices`,
      `/m/${acme}/invoices/outbox`,
      "/mailbox",
      "/account/invitations",
      "/account/security",
    ]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBeLessThan(400);
      const html = await page.content();
      expect(html, path).not.toMatch(CREDENTIAL_LINK);
    }
    // The invitation's status is visible to the Acme admin, its content is not.
    await page.goto(`/m/${acme}/settings/messages?to=owner%40bluefern.test`);
    await page.getByTestId("sent-message").first().waitFor();
    await page.screenshot({ path: "test-results/invitation-sent-messages.png", fullPage: true });
    // And no set-password token exists for the Blue Fern account at all (an existing account gets none).
    const tokens = await query<{ n: number }>(
      `select count(*)::int as n from password_tokens t join users u on u.id = t.user_id
       where u.email = 'owner@bluefern.test' and t.purpose = 'set_password'`,
    );
    expect(tokens[0]!.n).toBe(0);

    // Blue Fern's owner signs in as themselves, sees the invitation and accepts it.
    const invitee = await loginAs(browser, "owner@bluefern.test");
    const ip = invitee.page;
    await ip.goto(`/m/${fern}`);
    await ip.getByTestId("invitations-link").click();
    await ip.waitForURL("**/account/invitations");
    const card = ip.getByTestId("invitation").filter({ hasText: "Acme Coffee" });
    await card.getByText("as a staff member").waitFor();
    await ip.screenshot({ path: "test-results/invitation-received.png", fullPage: true });
    await card.getByRole("button", { name: "Accept" }).click();
    await ip.getByText("You joined Acme Coffee").waitFor();

    // The workspace switcher now offers both businesses.
    await ip.getByRole("link", { name: "Open Acme Coffee" }).click();
    await ip.waitForURL(`**/m/${acme}`);
    await ip.getByText("merchant staff").waitFor();
    const switcher = ip.getByLabel("Switch workspace");
    await switcher.selectOption({ label: "Blue Fern Studio" });
    await ip.waitForURL(`**/m/${fern}`);
    await ip.getByText("merchant admin").waitFor();
    await ip.getByLabel("Switch workspace").selectOption({ label: "Acme Coffee" });
    await ip.waitForURL(`**/m/${acme}`);
    await ip.screenshot({ path: "test-results/invitation-switched.png", fullPage: true });
    // Staff at Acme: no settings there; still admin of Blue Fern.
    expect((await ip.goto(`/m/${acme}/settings`))?.status()).toBe(403);
    expect((await ip.goto(`/m/${fern}/settings`))?.status()).toBe(200);
    // Their password was never touched: the old one still signs in.
    await invitee.context.close();
    const again = await loginAs(browser, "owner@bluefern.test");
    await again.context.close();

    // Leave the demo as it was: Acme's owner removes Blue Fern's owner from the team.
    await page.goto(`/m/${acme}/settings`);
    await page
      .locator('tr[data-member="owner@bluefern.test"]')
      .getByRole("button", { name: /Remove/ })
      .click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
    await page.locator('tr[data-member="owner@bluefern.test"]').waitFor({ state: "detached" });
    await inviter.context.close();
  });
});
