import { describeAs, expect, PERSONAS, personaState, test } from "../fixtures";
import { merchantId, query, receivedMail } from "../helpers";

/**
 * The cross-tenant takeover of issue 15, tried the way a tenant would: the Acme owner invites the Blue Fern owner.
 * Nothing the Acme owner can open holds a link that sets Blue Fern's password; the Blue Fern owner signs in as
 * themselves, sees the invitation, accepts it and switches between both businesses.
 */

const CREDENTIAL_LINK = /\/(set-password|reset-password)\/[A-Za-z0-9_-]{20,}/;
const FERN_OWNER = PERSONAS.blueFernOwner;
const onPath = (path: string) => (u: URL) => u.pathname === path;

describeAs("acmeOwner", "invitations between tenants", () => {
  // The test removes Blue Fern's owner from Acme at its end; if it stops earlier, the demo is put back here.
  // Removing a membership ends that user's sessions (issue 16), the stored Blue Fern persona's too: it signs in
  // again and its state is stored afresh for the specs that run later.
  test.afterEach(async ({ signIn }) => {
    const acme = await merchantId("Acme Coffee");
    await query(
      `delete from memberships where merchant_id = $1 and user_id = (select id from users where email = $2)`,
      [acme, FERN_OWNER],
    );
    await query(
      `update invitations set revoked_at = now() where merchant_id = $1 and accepted_at is null
         and declined_at is null and revoked_at is null and user_id = (select id from users where email = $2)`,
      [acme, FERN_OWNER],
    );
    const fern = await signIn(FERN_OWNER);
    await fern.context.storageState({ path: personaState("blueFernOwner") });
  });

  test("Acme's owner invites Blue Fern's owner: no password link reaches Acme; Blue Fern accepts and switches between both", async ({
    page,
    openAs,
    signIn,
    visitor,
    mail,
  }) => {
    const acme = await merchantId("Acme Coffee");
    const fern = await merchantId("Blue Fern Studio");
    await page.goto(`/m/${acme}/settings`);
    const invite = page.getByRole("form", { name: "Invite a team member" });
    await invite.getByLabel("Name").fill("Bea Fern");
    await invite.getByLabel("Email").fill(FERN_OWNER);
    await invite.getByLabel("Role").selectOption("merchant_staff");
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await expect(invite.getByText("They already have an account: they accept it after signing in.")).toBeVisible();
    await expect(page.locator(`li[data-invitation="${FERN_OWNER}"]`)).toBeVisible();

    // The Acme owner even asks for a password reset of the Blue Fern account: it goes to Blue Fern's mailbox only.
    const anon = (await visitor()).page;
    await anon.goto("/forgot-password");
    await anon.getByLabel("Email").fill(FERN_OWNER);
    await anon.getByRole("button", { name: "Send reset link" }).click();
    await expect(anon.getByRole("status").filter({ hasText: "If an account exists" })).toBeVisible();

    // Both messages arrive over SMTP, addressed to Blue Fern's owner only; the invitation carries no password link.
    const invitation = await receivedMail(mail, (m) => m.to.includes(FERN_OWNER) && /invited you/.test(m.subject));
    expect(invitation.to).toEqual([FERN_OWNER]);
    expect(invitation.text).not.toMatch(CREDENTIAL_LINK);
    const reset = await receivedMail(mail, (m) => m.to.includes(FERN_OWNER) && /reset/i.test(m.subject));
    expect(reset.to).toEqual([FERN_OWNER]);

    // Everything the Acme owner can open: none of it holds a link that sets a password.
    await expect
      .poll(async () => {
        const s = await query<{ status: string }>(
          `select status from mail_messages where "to" = $1 and merchant_id = $2`,
          [FERN_OWNER, acme],
        );
        return s.length > 0 && s.every((r) => r.status === "sent");
      })
      .toBe(true);
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
      expect(await page.content(), path).not.toMatch(CREDENTIAL_LINK);
    }
    // The invitation's status is visible to the Acme admin, its content is not.
    await page.goto(`/m/${acme}/settings/messages?to=${encodeURIComponent(FERN_OWNER)}`);
    await expect(page.getByTestId("sent-message").first()).toBeVisible();
    await page.screenshot({ path: "test-results/invitation-sent-messages.png", fullPage: true });
    // And no set-password token exists for the Blue Fern account at all (an existing account gets none).
    const tokens = await query<{ n: number }>(
      `select count(*)::int as n from password_tokens t join users u on u.id = t.user_id
       where u.email = $1 and t.purpose = 'set_password'`,
      [FERN_OWNER],
    );
    expect(tokens[0]!.n).toBe(0);

    // Blue Fern's owner, signed in as themselves, sees the invitation and accepts it.
    const ip = (await openAs("blueFernOwner")).page;
    await ip.goto(`/m/${fern}`);
    await ip.getByTestId("invitations-link").click();
    await expect(ip).toHaveURL(onPath("/account/invitations"));
    const card = ip.getByTestId("invitation").filter({ hasText: "Acme Coffee" });
    await expect(card.getByText("as a staff member")).toBeVisible();
    await ip.screenshot({ path: "test-results/invitation-received.png", fullPage: true });
    await card.getByRole("button", { name: "Accept" }).click();
    await expect(ip.getByText("You joined Acme Coffee")).toBeVisible();

    // The workspace switcher now offers both businesses.
    await ip.getByRole("link", { name: "Open Acme Coffee" }).click();
    await expect(ip).toHaveURL(onPath(`/m/${acme}`));
    await expect(ip.getByText("merchant staff")).toBeVisible();
    await ip.getByLabel("Switch workspace").selectOption({ label: "Blue Fern Studio" });
    await expect(ip).toHaveURL(onPath(`/m/${fern}`));
    await expect(ip.getByText("merchant admin")).toBeVisible();
    await ip.getByLabel("Switch workspace").selectOption({ label: "Acme Coffee" });
    await expect(ip).toHaveURL(onPath(`/m/${acme}`));
    await ip.screenshot({ path: "test-results/invitation-switched.png", fullPage: true });
    // Staff at Acme: no settings there; still admin of Blue Fern.
    expect((await ip.goto(`/m/${acme}/settings`))?.status()).toBe(403);
    expect((await ip.goto(`/m/${fern}/settings`))?.status()).toBe(200);
    // Their password was never touched: the old one still signs in.
    await signIn(FERN_OWNER);

    // Leave the demo as it was: Acme's owner removes Blue Fern's owner from the team.
    await page.goto(`/m/${acme}/settings`);
    const member = page.locator(`tr[data-member="${FERN_OWNER}"]`);
    await member.getByRole("button", { name: /Remove/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
    await expect(member).toHaveCount(0);
  });
});
