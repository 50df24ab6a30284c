import type { Page } from "@playwright/test";
import { describeAs, expect, test } from "../fixtures";
import { copilotControl, demoCopilotUsername, merchantId, query, pointAtE2eRuntime } from "../helpers";

/**
 * CoPilot billing plans for the CardPointe demo merchant (Corner Hardware): the owner picks a vault customer,
 * creates a monthly plan on that vault profile from the
 * recurring section, sees CoPilot's schedule, marks one payment paid and cancels the plan behind a confirmation.
 * The partner's CoPilot sandbox user is provisioned on first use, so nothing is set up beforehand.
 */

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/billing-plans-${name}.png`, fullPage: true });

/**
 * A vault customer of Corner Hardware with a stored card, made with the portal's own vault code (adapter +
 * cache upsert) run in this process against the e2e database, with the CardPointe sandbox served here over HTTP
 * (same sandbox schema as the server's). Not through the running app: its CardPointe profile read
 * (`/profile/<id>//<merchid>`) is redirected by Next's slash normalisation (reported separately).
 */
async function vaultCustomer(corner: string, lastName: string): Promise<string> {
  await pointAtE2eRuntime();
  const { serve } = await import("@/tests/helpers/serve");
  const { handler } = await import("@portal/sandbox/cardpointe");
  const served = await serve(handler);
  try {
    await pointAtE2eRuntime({ APP_URL: served.url });
    const { getDb } = await import("@/db/client");
    const { gatewayForMerchant } = await import("@/lib/connections/gateway");
    const { upsertCustomers } = await import("@/lib/sync/customers");
    const site = (await query<{ site: string }>("select site from merchants where id = $1", [corner]))[0]!.site;
    const tok = await fetch(`${served.url}/sandbox/cardpointe/${site}-uat/cardsecure/api/v1/ccn/tokenize`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account: "4111111111111111", expiry: "1230" }),
    });
    const { token } = (await tok.json()) as { token: string };
    const gateway = await gatewayForMerchant(corner);
    const customer = await gateway.vault.createCustomer({
      paymentMethod: { kind: "token", token },
      billingAddress: { firstName: "Robin", lastName, email: `robin-${Date.now()}@example.test` },
    });
    await upsertCustomers(getDb(), corner, [customer]);
    return customer.id;
  } finally {
    await served.close();
    await pointAtE2eRuntime();
  }
}

test.describe("CoPilot billing plans (CardPointe merchant)", () => {
  describeAs("cornerOwner", "as the owner of Corner Hardware", () => {
    test("the owner creates a plan on a vault customer, sees its schedule, marks a payment paid and cancels the plan", async ({
      page,
    }) => {
      const corner = await merchantId("Corner Hardware");
      const lastName = `Lease${Date.now().toString().slice(-5)}`;
      const profileId = await vaultCustomer(corner, lastName);

      await page.goto(`/m/${corner}/recurring`);
      await expect(page).toHaveURL(/\/recurring\/billing-plans$/);
      await expect(page.getByRole("link", { name: "Billing plans", exact: true })).toBeVisible();
      await shot(page, "list-before");
      await page.getByRole("link", { name: "New billing plan" }).first().click();
      await expect(page).toHaveURL(/\/billing-plans\/new$/);
      await page
        .getByRole("link")
        .filter({ hasText: `Profile ${profileId}` })
        .click();
      await expect(page).toHaveURL((u) => u.searchParams.get("customer") === profileId);

      // CoPilot refuses a first payment in the past: its error lands on the date input.
      const name = `Tool lease ${Date.now().toString().slice(-6)}`;
      await page.getByLabel("Plan name").fill(name);
      await page.getByLabel("Amount per payment").fill("24.50");
      await page.getByLabel("First payment").fill("2020-01-15");
      await page.getByLabel("Number of payments", { exact: true }).fill("6");
      await page.getByRole("button", { name: "Create billing plan" }).click();
      await expect(page.locator("#startDate-error")).toHaveText(/past/i);
      await expect(page.getByLabel("First payment")).toHaveAttribute("aria-invalid", "true");
      await shot(page, "field-error");

      // Three days after CoPilot's own today: the demo partner's sandbox clock is shared with the boarding spec,
      // which moves it two years ahead (advancing by 0 s only reads it).
      const copilotNow = await copilotControl("clock", { advance_seconds: 0, username: await demoCopilotUsername() });
      const start = new Date(Date.parse(String(copilotNow.now)) + 3 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel("First payment").fill(start);
      await page.getByRole("button", { name: "Create billing plan" }).click();
      await expect(page).toHaveURL((u) => /\/billing-plans\/\d+$/.test(u.pathname));
      await expect(page.getByText("Billing plan created")).toBeVisible();
      await expect(page.getByRole("heading", { name })).toBeVisible();
      const schedule = page.getByRole("region", { name: "Schedule" });
      await expect(schedule.locator("tbody tr")).toHaveCount(6);
      await expect(schedule.getByText("$24.50", { exact: true })).toHaveCount(6);
      await expect(schedule.locator('[data-status="scheduled"]')).toHaveCount(6);
      await shot(page, "detail");

      // Mark the first payment paid (collected another way).
      await schedule
        .getByRole("button", { name: /^Mark .* paid$/ })
        .first()
        .click();
      const paidDialog = page.getByRole("dialog", { name: "Mark this payment paid?" });
      await paidDialog.getByLabel("Retrieval reference (optional)").fill("REF123");
      await paidDialog.getByRole("button", { name: "Mark paid" }).click();
      await expect(schedule.locator('[data-status="paid"]')).toHaveCount(1);
      await expect(schedule.locator('[data-status="scheduled"]')).toHaveCount(5);

      // Cancel the plan: a confirmation first; dismissing it changes nothing.
      await page.getByRole("button", { name: "Cancel plan" }).click();
      const dialog = page.getByRole("dialog", { name: "Cancel this billing plan?" });
      await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(page.locator('h2 [data-status="active"]')).toHaveCount(1);
      await page.getByRole("button", { name: "Cancel plan" }).click();
      await expect(dialog.getByText("The 5 scheduled payments are cancelled")).toBeVisible();
      await shot(page, "cancel-confirm");
      await dialog.getByRole("button", { name: "Cancel plan" }).click();
      await expect(page.locator('h2 [data-status="cancelled"]')).toBeVisible();
      await expect(page.getByText("Billing plan cancelled")).toBeVisible();
      await expect(page.getByText("Billing plan created")).toHaveCount(0);
      await expect(schedule.locator('[data-status="cancelled"]')).toHaveCount(5);
      await expect(page.getByRole("button", { name: "Cancel plan" })).toHaveCount(0);
      await shot(page, "cancelled");

      // The list shows it with its status; the audit trail has each write.
      await page.goto(`/m/${corner}/recurring/billing-plans?status=cancelled`);
      await expect(page.getByRole("link", { name })).toBeVisible();
      const audit = await query<{ action: string }>(
        "select action from audit_log where merchant_id = $1 and action like 'billing_plan.%' order by id",
        [corner],
      );
      expect(audit.map((a) => a.action)).toEqual([
        "billing_plan.created",
        "billing_plan.payment_marked_paid",
        "billing_plan.cancelled",
      ]);
    });
  });

  describeAs("acmeOwner", "as the owner of Acme", () => {
    test("a FluidPay merchant is told billing plans are a CardPointe feature", async ({ page }) => {
      const acme = await merchantId("Acme Coffee");
      await page.goto(`/m/${acme}/recurring/billing-plans`);
      await expect(page.getByText("Billing plans are a CardPointe feature", { exact: true })).toBeVisible();
      await expect(page.getByRole("link", { name: "Subscriptions" })).toBeVisible();
    });
  });
});
