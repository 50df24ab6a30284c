import type { Page } from "@playwright/test";
import { type CaughtMail, linkIn } from "@/tests/helpers/smtp";
import { describeAs, expect, test } from "../fixtures";
import { copilotControl as control, demoCopilotUsername as copilotUsername, query, receivedMail } from "../helpers";

const fill = (page: Page, id: string, value: string) => page.locator(`#${id}`).fill(value);
const next = (page: Page) => page.getByRole("button", { name: "Next" }).click();

describeAs("partnerAdmin", "partner boarding", () => {
  test("partner@demo.test boards a merchant: CoPilot's DOB error lands on the field, the owner signs, the timeline reaches LIVE, the owner sets a password and signs in", async ({
    page,
    context,
    signIn,
    visitor,
    mail,
  }) => {
    const tag = Math.random().toString(36).slice(2, 7);
    const ownerEmail = `owner-${tag}@maple.test`;
    await page.goto("/partner");
    await page.getByRole("link", { name: "Board a merchant" }).click();
    await expect(page.getByRole("heading", { name: "Board a new merchant" })).toBeVisible();
    // The wizard page provisioned the partner's CoPilot sandbox user (equipment catalog). Its clock runs two
    // years ahead of today, so an owner who is 120 today is too old for CoPilot: a CoPilot-only refusal.
    const username = await copilotUsername();
    await control("clock", { advance_seconds: 2 * 366 * 86_400, username });
    // From here on CoPilot issues 5-second tokens (and the clock jump expired the one the portal holds): the
    // rest of the wizard, the submit and the status polling must renew them without the partner noticing.
    await control("token-lifetime", { seconds: 5, username });

    // Business
    await fill(page, "dbaName", `Maple Bakery ${tag}`);
    await fill(page, "legalBusinessName", `Maple Bakery ${tag} LLC`);
    await fill(page, "taxFilingName", `Maple Bakery ${tag} LLC`);
    await fill(page, "taxId", "123456789");
    await fill(page, "businessStartDate", "03/15/2015");
    await fill(page, "businessPhone", "555-201-3344");
    await fill(page, "address1", "12 Main St");
    await fill(page, "city", "Burlington");
    await page.locator("#stateCd").selectOption("VT");
    await fill(page, "zip", "05401");
    await next(page);
    // Owners
    const now = new Date();
    const tooOld = `${String(now.getUTCMonth() + 1).padStart(2, "0")}/01/${now.getUTCFullYear() - 120}`;
    await fill(page, "owners-0-firstName", "Maple");
    await fill(page, "owners-0-lastName", "Owner");
    await fill(page, "owners-0-email", ownerEmail);
    await fill(page, "owners-0-phone", "555-201-3345");
    await fill(page, "owners-0-dob", tooOld);
    await fill(page, "owners-0-ssn", "123-45-6789");
    await fill(page, "owners-0-ownershipPct", "100");
    await next(page);
    // Bank account
    await fill(page, "bankName", "First Bank");
    await fill(page, "bankRoutingNum", "021000021");
    await fill(page, "bankAcctNum", "000123456789");
    await next(page);
    // Processing
    await fill(page, "averageMonthlyVolume", "20000");
    await fill(page, "averageTicketAmount", "40");
    await fill(page, "highTicketAmount", "500");
    await next(page);
    await next(page); // pricing: the partner template, CardPointe
    // Equipment from CoPilot's catalog
    await page.getByLabel("Quantity of Ingenico Lane/3000").fill("1");
    await next(page);
    await page.screenshot({ path: "test-results/partner-boarding-review.png", fullPage: true });
    await page.getByRole("button", { name: "Submit to CoPilot" }).click();

    // CoPilot refuses the DOB (1113): the wizard opens the Owners step with the error on that field.
    await expect(page.locator("#owners-0-dob-error")).toHaveText(/1113/, { timeout: 30_000 });
    await expect(page.locator("#owners-0-dob")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator('[aria-current="step"]')).toContainText("Owners");
    await page.screenshot({ path: "test-results/partner-boarding-field-error.png", fullPage: true });

    await fill(page, "owners-0-dob", "04/02/1980");
    for (let step = 0; step < 5; step++) await next(page);
    await page.getByRole("button", { name: "Submit to CoPilot" }).click();

    // The status page: waiting for the owner's signature.
    await expect(page).toHaveURL(/\/partner\/boarding\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const status = page.getByTestId("boarding-status");
    await expect(status).toHaveText(/Waiting for signature/, { timeout: 30_000 });
    const applicationId = page.url().split("/").pop()!;
    const [app] = await query<{ copilot_merchant_id: string; draft: unknown }>(
      "select copilot_merchant_id, draft from boarding_applications where id = $1",
      [applicationId],
    );
    expect(JSON.stringify(app!.draft)).not.toContain("123-45-6789");
    expect(JSON.stringify(app!.draft)).not.toContain("000123456789");

    // The owner signs on the sandbox signing page; the link also reached the owner by email.
    const signing = page.getByRole("link", { name: "Open signing page" });
    await expect(signing).toHaveAttribute("href", /^https?:\/\//);
    const signUrl = (await signing.getAttribute("href"))!;
    await receivedMail(mail, (m) => m.to.includes(ownerEmail) && m.text.includes(signUrl));
    const signer = await context.newPage();
    await signer.goto(signUrl);
    await signer.getByRole("button", { name: "I agree and sign" }).click();
    await expect(signer.getByText("Application signed")).toBeVisible();
    await signer.close();
    await expect(status).toHaveText(/^\s*Signed/, { timeout: 30_000 });

    // Underwriting, boarding and go-live happen at CoPilot; the sandbox control stands in for the days.
    await control(`merchants/${app!.copilot_merchant_id}/advance`, { to: "LIVE" });
    await expect(status).toHaveText(/^\s*Live\s*$/, { timeout: 30_000 });
    // The partner sees that the owner's welcome went out — never its set-password link (issue 15).
    await expect(page.getByTestId("owner-welcome")).toBeVisible({ timeout: 30_000 });
    expect(await page.content()).not.toContain("/set-password/");
    await page.screenshot({ path: "test-results/partner-boarding-live.png", fullPage: true });
    const isWelcome = (m: CaughtMail) => m.to.includes(ownerEmail) && m.subject.startsWith("Welcome");
    const welcome = await receivedMail(mail, isWelcome);
    const setPasswordUrl = linkIn(welcome, "/set-password/")!;
    expect(setPasswordUrl).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);
    const setPasswordPath = new URL(setPasswordUrl).pathname;
    expect(mail.messages.filter(isWelcome)).toHaveLength(1);

    // The portfolio lists the new merchant, live, with CoPilot's MID.
    await page.goto(`/partner?q=${encodeURIComponent(`Maple Bakery ${tag}`)}`);
    const row = page.locator("tbody tr", { hasText: `Maple Bakery ${tag}` });
    await expect(row).toContainText("Live");
    // One status vocabulary: the boarding stage says Live, the merchant's status Active — never "Live Live".
    await expect(row.locator('[data-status="live"]')).toHaveText(["Live", "Active"]);
    await expect(row).not.toContainText(/Live\s*Live/);
    await expect(row).toContainText(/CoPilot 49\d{10}/);
    await expect(row).toContainText("no data yet");
    await page.screenshot({ path: "test-results/partner-portfolio.png", fullPage: true });

    // The owner sets a password through the one-time link and signs in to an empty merchant shell.
    const ownerPage = (await visitor()).page;
    await ownerPage.goto(setPasswordPath);
    await ownerPage.getByLabel("New password").fill("maple-syrup-2026!");
    await ownerPage.getByLabel("Repeat the password").fill("maple-syrup-2026!");
    await ownerPage.screenshot({ path: "test-results/set-password.png" });
    await ownerPage.getByRole("button", { name: "Set password" }).click();
    await expect(ownerPage.getByText("Your password is set")).toBeVisible();

    const owner = (await signIn(ownerEmail, "maple-syrup-2026!")).page;
    const [merchant] = await query<{ id: string }>(
      "select merchant_id as id from boarding_applications where id = $1",
      [applicationId],
    );
    await expect(owner).toHaveURL((u) => u.pathname.startsWith(`/m/${merchant!.id}`));
    await expect(owner.getByText(`Maple Bakery ${tag}`).first()).toBeVisible();
    // A brand-new merchant's first sign-in is not greeted by the two-factor reminder (it comes from day two).
    await expect(owner.getByText("Protect your admin account.")).toHaveCount(0);
    await owner.screenshot({ path: "test-results/new-merchant-shell.png", fullPage: true });
    // The link worked once.
    await owner.goto(setPasswordPath);
    await expect(owner.getByText("expired or was already used")).toBeVisible();
  });
});
