import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseUrl,
  copilotControl as control,
  demoCopilotUsername as copilotUsername,
  launchBrowser,
  listenForMail,
  loginAs,
  query,
} from "../helpers";
import { linkIn, type SmtpListener } from "@/tests/helpers/smtp";

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

const fill = (page: Page, id: string, value: string) => page.locator(`#${id}`).fill(value);
const next = (page: Page) => page.getByRole("button", { name: "Next" }).click();

describe("partner boarding", () => {
  it("partner@demo.test boards a merchant: CoPilot's DOB error lands on the field, the owner signs, the timeline reaches LIVE, the owner sets a password and signs in", async () => {
    const tag = Math.random().toString(36).slice(2, 7);
    const ownerEmail = `owner-${tag}@maple.test`;
    const { context, page } = await loginAs(browser, "partner@demo.test");
    await page.goto("/partner");
    await page.getByRole("link", { name: "Board a merchant" }).click();
    await page.getByRole("heading", { name: "Board a new merchant" }).waitFor();
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
    const dobError = page.locator("#owners-0-dob-error");
    await dobError.waitFor({ timeout: 30_000 });
    expect(await dobError.textContent()).toMatch(/1113/);
    expect(await page.locator("#owners-0-dob").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator('[aria-current="step"]').textContent()).toContain("Owners");
    await page.screenshot({ path: "test-results/partner-boarding-field-error.png", fullPage: true });

    await fill(page, "owners-0-dob", "04/02/1980");
    for (let i = 0; i < 5; i++) await next(page);
    await page.getByRole("button", { name: "Submit to CoPilot" }).click();

    // The status page: waiting for the owner's signature.
    await page.waitForURL(/\/partner\/boarding\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const status = page.getByTestId("boarding-status");
    await status.filter({ hasText: "Waiting for signature" }).waitFor({ timeout: 30_000 });
    const applicationId = page.url().split("/").pop()!;
    const [app] = await query<{ copilot_merchant_id: string; draft: unknown }>(
      "select copilot_merchant_id, draft from boarding_applications where id = $1",
      [applicationId],
    );
    expect(JSON.stringify(app!.draft)).not.toContain("123-45-6789");
    expect(JSON.stringify(app!.draft)).not.toContain("000123456789");

    // The owner signs on the sandbox signing page; the link also reached the owner by email.
    const signUrl = await page.getByRole("link", { name: "Open signing page" }).getAttribute("href");
    await mail.waitFor((m) => m.to.includes(ownerEmail) && m.text.includes(signUrl!), 30_000);
    const signer = await context.newPage();
    await signer.goto(signUrl!);
    await signer.getByRole("button", { name: "I agree and sign" }).click();
    await signer.getByText("Application signed").waitFor();
    await signer.close();
    await status.filter({ hasText: /^Signed/ }).waitFor({ timeout: 30_000 });

    // Underwriting, boarding and go-live happen at CoPilot; the sandbox control stands in for the days.
    await control(`merchants/${app!.copilot_merchant_id}/advance`, { to: "LIVE" });
    await status.filter({ hasText: /^Live$/ }).waitFor({ timeout: 30_000 });
    // The partner sees that the owner's welcome went out — never its set-password link (issue 15).
    await page.getByTestId("owner-welcome").waitFor({ timeout: 30_000 });
    expect(await page.content()).not.toContain("/set-password/");
    await page.screenshot({ path: "test-results/partner-boarding-live.png", fullPage: true });
    const welcome = await mail.waitFor((m) => m.to.includes(ownerEmail) && m.subject.startsWith("Welcome"), 30_000);
    const setPasswordUrl = linkIn(welcome, "/set-password/")!;
    expect(setPasswordUrl).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);
    expect(mail.messages.filter((m) => m.to.includes(ownerEmail) && m.subject.startsWith("Welcome"))).toHaveLength(1);

    // The portfolio lists the new merchant, live, with CoPilot's MID.
    await page.goto(`/partner?q=${encodeURIComponent(`Maple Bakery ${tag}`)}`);
    const row = page.locator("tbody tr", { hasText: `Maple Bakery ${tag}` });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Live/);
    expect(await row.textContent()).toMatch(/CoPilot 49\d{10}/);
    expect(await row.textContent()).toContain("no data yet");
    await page.screenshot({ path: "test-results/partner-portfolio.png", fullPage: true });
    await context.close();

    // The owner sets a password through the one-time link and signs in to an empty merchant shell.
    const ownerCtx = await browser.newContext({ baseURL: baseUrl() });
    const ownerPage = await ownerCtx.newPage();
    await ownerPage.goto(new URL(setPasswordUrl).pathname);
    await ownerPage.getByLabel("New password").fill("maple-syrup-2026!");
    await ownerPage.getByLabel("Repeat the password").fill("maple-syrup-2026!");
    await ownerPage.screenshot({ path: "test-results/set-password.png" });
    await ownerPage.getByRole("button", { name: "Set password" }).click();
    await ownerPage.getByText("Your password is set").waitFor();
    await ownerCtx.close();

    const owner = await loginAs(browser, ownerEmail, "maple-syrup-2026!");
    const [merchant] = await query<{ id: string }>(
      "select merchant_id as id from boarding_applications where id = $1",
      [applicationId],
    );
    expect(new URL(owner.page.url()).pathname).toMatch(new RegExp(`^/m/${merchant!.id}`));
    await owner.page.getByText(`Maple Bakery ${tag}`).first().waitFor();
    await owner.page.screenshot({ path: "test-results/new-merchant-shell.png", fullPage: true });
    // The link worked once.
    await owner.page.goto(new URL(setPasswordUrl).pathname);
    await owner.page.getByText("expired or was already used").waitFor();
    await owner.context.close();
  });
});
