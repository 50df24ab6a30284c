import { addCalendarDays, formatIsoDate, parseIsoDate, toDayNumber } from "@/lib/recurring/calendar-date";
import type { Page } from "@playwright/test";
import { describeAs, expect, test } from "../fixtures";
import { baseUrl, merchantCredentials, merchantId } from "../helpers";

async function gatewayCall<T>(apiKey: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl()}/sandbox/gateway${path}`, {
    method,
    headers: { authorization: apiKey, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { data: T };
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

/** The account's simulated "today". */
async function sandboxToday(apiKey: string): Promise<string> {
  return (await gatewayCall<{ now: string }>(apiKey, "GET", "/_control/clock")).now.slice(0, 10);
}

/** The `cell` cells of the `testId` rows (dates or amounts of the charges and of the preview). */
const cells = (page: Page, testId: string, cell: string) => page.getByTestId(testId).locator(`[data-cell="${cell}"]`);

test.describe("recurring billing", () => {
  describeAs("acmeOwner", "as the owner of Acme", () => {
    test("bills a $20 plan with a $5 add-on for 2 cycles and a 10% discount forever: $23, $23, $18, as previewed", async ({
      page,
    }) => {
      const id = await merchantId("Acme Coffee");
      const creds = await merchantCredentials("Acme Coffee");
      if (creds.gateway.family !== "fluidpay") throw new Error("Acme runs on the gateway family");
      const apiKey = creds.gateway.apiKey;
      const tag = Math.random().toString(36).slice(2, 7);

      // A vault customer with a card, made at the gateway as the vault screens (or another channel) would.
      const customer = await gatewayCall<{ id: string }>(apiKey, "POST", "/api/vault/customer", {
        description: `Recurring e2e ${tag}`,
        default_payment: { card: { number: "4111111111111111", expiration_date: "12/30" } },
        default_billing_address: { first_name: "Rita", last_name: `Monthly${tag}`, email: `rita.${tag}@example.test` },
      });

      const today = await sandboxToday(apiKey);
      const first = formatIsoDate(addCalendarDays(parseIsoDate(today), 1));
      const billingDay = String(parseIsoDate(first).day);
      const base = `/m/${id}/recurring`;

      // Add-on: $5 for 2 cycles.
      await page.goto(`${base}/add-ons/new`);
      await page.getByLabel("Name").fill(`Welcome box ${tag}`);
      await page.getByLabel("Amount (USD)").fill("5.00");
      await page.getByLabel("Duration (cycles)").fill("2");
      await page.getByRole("button", { name: "Create add-on" }).click();
      await expect(page).toHaveURL((u) => u.pathname === `${base}/add-ons`);
      await expect(page.getByRole("link", { name: `Welcome box ${tag}` })).toBeVisible();

      // Discount: 10% forever.
      await page.goto(`${base}/discounts/new`);
      await page.getByLabel("Name").fill(`Loyalty ${tag}`);
      await page.getByLabel("Percentage of the subscription amount").check();
      // Below the gateway's 0.1% floor: a field error on the field, nothing created.
      await page.getByLabel("Percentage", { exact: true }).fill("0.05");
      await page.getByRole("button", { name: "Create discount" }).click();
      await expect(page.getByText("Enter a percentage between 0.1% and 100%.")).toBeVisible();
      await expect(page.getByLabel("Percentage", { exact: true })).toHaveAttribute("aria-invalid", "true");
      await page.screenshot({ path: "test-results/recurring-discount-error.png", fullPage: true });
      await page.getByLabel("Percentage", { exact: true }).fill("10");
      await page.getByLabel("Duration (cycles)").fill("0");
      await page.getByRole("button", { name: "Create discount" }).click();
      await expect(page).toHaveURL((u) => u.pathname === `${base}/discounts`);
      await expect(page.getByRole("link", { name: `Loyalty ${tag}` })).toBeVisible();

      // Plan: $20 monthly with both attached; the form shows the price per cycle before saving.
      await page.goto(`${base}/plans/new`);
      await page.getByLabel("Name").fill(`Coffee club ${tag}`);
      await page.getByLabel("Amount per cycle (USD)").fill("20.00");
      await page.getByLabel("Billing frequency").selectOption("monthly");
      await page.getByLabel("Every … months").fill("1");
      await page.getByLabel("Billing days").fill(billingDay);
      await page.getByLabel("Number of charges").fill("0");
      await page.getByLabel("Attach add-ons").selectOption({ label: `Welcome box ${tag} (+$5.00, 2 cycles)` });
      await page.getByRole("button", { name: "Attach add-on" }).click();
      await page.getByLabel("Attach discounts").selectOption({ label: `Loyalty ${tag} (−10%, until cancelled)` });
      await page.getByRole("button", { name: "Attach discount" }).click();
      await expect(page.getByTestId("price-per-cycle")).toHaveText(/Cycles 1–2\s*\$23\.00\s*From cycle 3\s*\$18\.00/);
      await page.screenshot({ path: "test-results/recurring-plan-form.png", fullPage: true });
      await page.getByRole("button", { name: "Create plan" }).click();
      await expect(page).toHaveURL((u) => u.pathname === `${base}/plans`);
      await expect(page.getByRole("link", { name: `Coffee club ${tag}` })).toBeVisible();
      await page.screenshot({ path: "test-results/recurring-plans.png", fullPage: true });

      // Subscribe the vault customer from the plan, first charge tomorrow on the sandbox's clock.
      await page.goto(`${base}/subscriptions/new`);
      await page.getByLabel("Customer", { exact: true }).selectOption(customer.id);
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page).toHaveURL((u) => u.searchParams.get("customer") === customer.id);
      await page.getByLabel("Plan", { exact: true }).selectOption({ label: `Coffee club ${tag}` });
      await page.getByLabel("First bill date").fill(first);
      await expect(page.getByTestId("price-per-cycle")).toContainText("$18.00");
      await page.screenshot({ path: "test-results/recurring-subscribe.png", fullPage: true });
      await page.getByRole("button", { name: "Create subscription" }).click();
      await expect(page).toHaveURL(
        (u) => /\/recurring\/subscriptions\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith("/new"),
      );
      const subscriptionUrl = page.url();

      await expect(page.getByTestId("upcoming-charge")).toHaveCount(12);
      const previewDates = await cells(page, "upcoming-charge", "date").allTextContents();
      const previewAmounts = await cells(page, "upcoming-charge", "amount").allTextContents();
      expect(previewDates[0]).toBe(first);
      expect(previewAmounts.slice(0, 4)).toEqual(["$23.00", "$23.00", "$18.00", "$18.00"]);
      await page.screenshot({ path: "test-results/recurring-subscription-new.png", fullPage: true });

      // Three months, month by month: move the clock just past each previewed bill date; the charge reaches the
      // portal through the sandbox's webhook, and the page shows it on a later load.
      for (let i = 0; i < 3; i++) {
        const now = await sandboxToday(apiKey);
        const days = toDayNumber(parseIsoDate(previewDates[i]!)) + 1 - toDayNumber(parseIsoDate(now));
        await gatewayCall(apiKey, "POST", "/_control/clock", { advance_seconds: days * 86_400 });
        await expect(async () => {
          await page.goto(subscriptionUrl);
          await expect(page.getByTestId("charge")).toHaveCount(i + 1, { timeout: 1_000 });
        }).toPass({ timeout: 30_000 });
      }

      // What was charged is what the preview said, date for date.
      await expect(cells(page, "charge", "amount")).toHaveText(previewAmounts.slice(0, 3));
      await expect(cells(page, "charge", "date")).toHaveText(previewDates.slice(0, 3));
      await expect(page.locator('[data-testid="charge"][data-approved="true"]')).toHaveCount(3);
      // And the preview moves on: the next charge is the fourth cycle, discounted only.
      await expect(cells(page, "upcoming-charge", "date").first()).toHaveText(previewDates[3]!);
      await expect(cells(page, "upcoming-charge", "amount").first()).toHaveText("$18.00");
      await page.screenshot({ path: "test-results/recurring-subscription-billed.png", fullPage: true });

      // The list finds it by customer, and the CSV export carries it.
      await page.goto(`${base}/subscriptions?q=Monthly${tag}`);
      await expect(page.getByRole("link", { name: `Rita Monthly${tag}` })).toBeVisible();
      await page.screenshot({ path: "test-results/recurring-subscriptions.png", fullPage: true });
      const csv = await page.request.get(`/api/m/${id}/subscriptions.csv?q=Monthly${tag}`);
      expect(csv.status()).toBe(200);
      const body = await csv.text();
      expect(body.split("\n")[0]).toContain("subscription_id,status,customer_id");
      expect(body).toContain(`Rita Monthly${tag}`);
    });
  });

  describeAs("cornerOwner", "as the owner of Corner Hardware", () => {
    test("tells a CardPointe merchant that recurring runs on CoPilot billing plans", async ({ page }) => {
      const id = await merchantId("Corner Hardware");
      await page.goto(`/m/${id}/recurring/subscriptions`);
      await expect(page.getByText("Recurring billing runs on CoPilot billing plans for this merchant")).toBeVisible();
    });
  });
});
