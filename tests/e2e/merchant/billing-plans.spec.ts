import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, launchBrowser, loginAs, merchantId, query } from "../helpers";

/**
 * CoPilot billing plans for the CardPointe demo merchant (Corner Hardware): the owner stores a customer's card
 * (virtual terminal, iToke iframe, "save to vault"), creates a monthly plan on that vault profile from the
 * recurring section, sees CoPilot's schedule, marks one payment paid and cancels the plan behind a confirmation.
 * The partner's CoPilot sandbox user is provisioned on first use, so nothing is set up beforehand.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync("test-results", { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/billing-plans-${name}.png`, fullPage: true });

async function storeCustomerCard(page: Page, corner: string): Promise<string> {
  const before = new Date();
  await page.goto(`/m/${corner}/terminal`);
  await page.waitForURL((u) => u.searchParams.has("intent"));
  const frame = page.frameLocator('iframe[title="Payment details"]');
  await frame.getByLabel("Card number").fill("4111111111111111");
  await frame.getByLabel("CVV").fill("123");
  await page.getByRole("textbox", { name: "Amount", exact: true }).fill("1.00");
  await page.getByLabel("Save this payment method to the customer vault after approval").check();
  await page.getByRole("button", { name: "Charge $1.00" }).click();
  await page.getByRole("status").filter({ hasText: "Payment approved" }).waitFor({ timeout: 30_000 });
  const row = await eventually(async () => {
    const rows = await query<{ id: string }>(
      "select provider_id as id from customers where merchant_id = $1 and synced_at >= $2 order by synced_at desc limit 1",
      [corner, before],
    );
    return rows[0];
  });
  return row.id;
}

describe("CoPilot billing plans (CardPointe merchant)", () => {
  it("the owner creates a plan on a vault customer, sees its schedule, marks a payment paid and cancels the plan", async () => {
    const corner = await merchantId("Corner Hardware");
    const { context, page } = await loginAs(browser, "owner@corner.test");
    const profileId = await storeCustomerCard(page, corner);

    await page.goto(`/m/${corner}/recurring`);
    await page.waitForURL(`**/recurring/billing-plans`);
    await page.getByRole("link", { name: "Billing plans", exact: true }).waitFor();
    await shot(page, "list-before");
    await page.getByRole("link", { name: "New billing plan" }).first().click();
    await page.waitForURL(`**/billing-plans/new`);
    await page
      .getByRole("link")
      .filter({ hasText: `Profile ${profileId}` })
      .click();
    await page.waitForURL((u) => u.searchParams.get("customer") === profileId);

    // CoPilot refuses a first payment in the past: its error lands on the date input.
    const name = `Tool lease ${Date.now().toString().slice(-6)}`;
    await page.getByLabel("Plan name").fill(name);
    await page.getByLabel("Amount per payment").fill("24.50");
    await page.getByLabel("First payment").fill("2020-01-15");
    await page.getByLabel("Number of payments").fill("6");
    await page.getByRole("button", { name: "Create billing plan" }).click();
    const dateError = page.locator("#startDate-error");
    await dateError.waitFor();
    expect(await dateError.textContent()).toMatch(/past/i);
    expect(await page.getByLabel("First payment").getAttribute("aria-invalid")).toBe("true");
    await shot(page, "field-error");

    const start = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("First payment").fill(start);
    await page.getByRole("button", { name: "Create billing plan" }).click();
    await page.waitForURL((u) => /\/billing-plans\/\d+$/.test(u.pathname));
    await page.getByText("Billing plan created").waitFor();
    await page.getByRole("heading", { name }).waitFor();
    const schedule = page.getByRole("region", { name: "Schedule" });
    await expect(schedule.locator("tbody tr").count()).resolves.toBe(6);
    await expect(schedule.getByText("$24.50").count()).resolves.toBe(6);
    await expect(schedule.getByText("Scheduled", { exact: true }).count()).resolves.toBe(6);
    await shot(page, "detail");

    // Mark the first payment paid (collected another way).
    await schedule
      .getByRole("button", { name: /^Mark .* paid$/ })
      .first()
      .click();
    const paidDialog = page.getByRole("dialog", { name: "Mark this payment paid?" });
    await paidDialog.getByLabel("Retrieval reference (optional)").fill("REF123");
    await paidDialog.getByRole("button", { name: "Mark paid" }).click();
    await schedule.getByText("Paid", { exact: true }).waitFor();
    await expect(schedule.getByText("Scheduled", { exact: true }).count()).resolves.toBe(5);

    // Cancel the plan: a confirmation first; dismissing it changes nothing.
    await page.getByRole("button", { name: "Cancel plan" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel this billing plan?" });
    await dialog.getByText("The 5 scheduled payments are cancelled").waitFor();
    await shot(page, "cancel-confirm");
    await dialog.getByRole("button", { name: "Cancel plan" }).click();
    await page.getByRole("main").getByText("Cancelled", { exact: true }).first().waitFor();
    await expect(schedule.getByText("Cancelled", { exact: true }).count()).resolves.toBe(5);
    await expect(page.getByRole("button", { name: "Cancel plan" }).count()).resolves.toBe(0);
    await shot(page, "cancelled");

    // The list shows it with its status; the audit trail has each write.
    await page.goto(`/m/${corner}/recurring/billing-plans?status=cancelled`);
    await page.getByRole("link", { name }).waitFor();
    const audit = await query<{ action: string }>(
      "select action from audit_log where merchant_id = $1 and action like 'billing_plan.%' order by id",
      [corner],
    );
    expect(audit.map((a) => a.action)).toEqual([
      "billing_plan.created",
      "billing_plan.payment_marked_paid",
      "billing_plan.cancelled",
    ]);
    await context.close();
  });

  it("a FluidPay merchant is told billing plans are a CardPointe feature", async () => {
    const acme = await merchantId("Acme Coffee");
    const { context, page } = await loginAs(browser, "owner@acme.test");
    await page.goto(`/m/${acme}/recurring/billing-plans`);
    await page.getByText("Billing plans are a CardPointe feature").waitFor();
    await page.getByRole("link", { name: "Subscriptions" }).waitFor();
    await context.close();
  });
});
