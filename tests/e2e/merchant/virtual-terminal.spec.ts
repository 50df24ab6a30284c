import type { Page } from "@playwright/test";
import { describeAs, expect, test } from "../fixtures";
import { merchantId, query } from "../helpers";

/** The virtual terminal's fee preview (staff), and the same form on a CardPointe merchant (iToke iframe). */

/** Opens the virtual terminal (it gives the page a charge intent) and types a card into the iToke iframe. */
async function cardPointeTerminal(page: Page, merchant: string, amount: string, orderId: string) {
  await page.goto(`/m/${merchant}/terminal`);
  await expect(page).toHaveURL((u) => u.searchParams.has("intent"));
  const frame = page.frameLocator('iframe[title="Payment details"]');
  await frame.getByLabel("Card number").fill("4111111111111111");
  await frame.getByLabel("CVV").fill("123");
  await page.getByRole("textbox", { name: "Amount", exact: true }).fill(amount);
  await page.getByLabel("Order id").fill(orderId);
}

const approved = (page: Page) => page.getByRole("status").filter({ hasText: "Payment approved" });

test.describe("virtual terminal", () => {
  describeAs("acmeStaff", "as staff of Acme", () => {
    test("shows the gateway's surcharge and disclosure before submit, and charges exactly the previewed total", async ({
      page,
    }) => {
      const acme = await merchantId("Acme Coffee");
      await page.goto(`/m/${acme}/terminal`);
      await expect(page).toHaveURL((u) => u.searchParams.has("intent"));
      await page.getByRole("textbox", { name: "Amount", exact: true }).fill("100.00");
      const frame = page.frameLocator('iframe[title="Payment details"]');
      // A surchargeable credit card: the preview asks the gateway once the BIN is known.
      await frame.getByLabel("Card number").fill("4005519200000004");
      await frame.getByLabel("Expiration (MM/YY)").fill("12/30");
      await frame.getByLabel("CVC").fill("123");
      const summary = page.getByRole("region", { name: "Summary" });
      await expect(summary.getByText("Surcharge", { exact: true })).toBeVisible();
      await expect(summary.getByTestId("vt-total")).toHaveText("$103.50");
      await expect(summary.getByRole("note")).toHaveText(/surcharge is applied to credit card payments/i);
      await page.screenshot({ path: "test-results/h7-vt-surcharge.png", fullPage: true });
      const orderId = `SUR${Date.now().toString().slice(-8)}`;
      await page.getByLabel("Order id").fill(orderId);
      await page.getByRole("button", { name: "Charge $103.50" }).click();
      await expect(approved(page)).toBeVisible({ timeout: 30_000 });
      await expect(approved(page)).toContainText("$103.50");
      const rows = await query<{ amount: number }>(
        "select amount::int as amount from transactions where merchant_id = $1 and order_id = $2",
        [acme, orderId],
      );
      expect(rows).toEqual([{ amount: 10350 }]);
    });
  });

  describeAs("cornerOwner", "as the owner of Corner Hardware", () => {
    test("a CardPointe merchant charges a card through the iToke iframe with the same form", async ({ page }) => {
      const corner = await merchantId("Corner Hardware");
      const orderId = `CP${Date.now().toString().slice(-8)}`;
      await cardPointeTerminal(page, corner, "42.50", orderId);
      await page.screenshot({ path: "test-results/h7-vt-cardpointe.png", fullPage: true });
      await page.getByRole("button", { name: "Charge $42.50" }).click();
      await expect(approved(page)).toBeVisible({ timeout: 30_000 });
      await expect(approved(page)).toContainText("$42.50");
      const rows = await query<{ amount: number; family: string }>(
        "select amount::int as amount, family::text as family from transactions where merchant_id = $1 and order_id = $2",
        [corner, orderId],
      );
      expect(rows).toEqual([{ amount: 4250, family: "cardpointe" }]);
    });

    test("a CardPointe charge saved to the vault creates a profile the portal can read back (vault customer cached)", async ({
      page,
    }) => {
      const corner = await merchantId("Corner Hardware");
      const orderId = `CV${Date.now().toString().slice(-8)}`;
      await cardPointeTerminal(page, corner, "12.00", orderId);
      await page.getByLabel("Save this payment method to the customer vault after approval").check();
      await page.getByRole("button", { name: "Charge $12.00" }).click();
      await expect(approved(page)).toBeVisible({ timeout: 30_000 });
      // The whole-profile read (/profile/<id>//<merchid>) has to reach the sandbox through Next.js for this row.
      const [tx] = await query<{ customer_id: string | null }>(
        "select customer_id from transactions where merchant_id = $1 and order_id = $2",
        [corner, orderId],
      );
      expect(tx?.customer_id).toMatch(/^\d{20}$/);
      const cached = await query<{ last_four: string | null }>(
        "select default_last_four as last_four from customers where merchant_id = $1 and provider_id = $2",
        [corner, tx!.customer_id],
      );
      expect(cached).toEqual([{ last_four: "1111" }]);
    });
  });
});
