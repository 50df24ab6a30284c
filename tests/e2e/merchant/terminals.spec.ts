import type { Page } from "@playwright/test";
import { describeAs, expect, test } from "../fixtures";
import { merchantId } from "../helpers";

/** Sends a sale to the terminal with `tpn`: progress first (waiting for the card), then the outcome `state`. */
async function runOn(page: Page, tpn: string, amount: string, state: "approved" | "declined") {
  const option = page.locator("#run-terminalId option", { hasText: `TPN ${tpn}` });
  const value = await option.getAttribute("value");
  if (!value) throw new Error(`no terminal with TPN ${tpn}`);
  await page.getByLabel("Terminal", { exact: true }).selectOption(value);
  await page.getByLabel("Amount").fill(amount);
  await page.getByRole("button", { name: "Send to terminal" }).click();
  await expect(page.getByText("Waiting for the customer")).toBeVisible({ timeout: 15_000 });
  await expect(page.locator("[data-run-state]")).toHaveAttribute("data-run-state", state, { timeout: 30_000 });
}

test.describe("terminals", () => {
  describeAs("acmeOwner", "as the owner of Acme", () => {
    test("a terminal sale on the success TPN shows progress and ends approved; on the decline TPN it ends declined", async ({
      page,
    }) => {
      const acme = await merchantId("Acme Coffee");
      await page.goto(`/m/${acme}/terminals`);
      await expect(page.getByRole("heading", { name: "Terminals", level: 1 })).toHaveCount(1);
      // At least two devices.
      await expect(page.locator("tbody tr").nth(1)).toBeVisible();

      await runOn(page, "000000000001", "12.00", "approved");
      await expect(page.locator("[data-run-state]")).toContainText("Approved");
      await page.screenshot({ path: "test-results/terminals-approved.png", fullPage: true });
      await page.getByRole("button", { name: "New terminal transaction" }).click();

      await runOn(page, "000000000002", "15.00", "declined");
      await expect(page.locator("[data-run-state]")).toContainText("Declined");
    });
  });

  describeAs("cornerOwner", "as the owner of Corner Hardware", () => {
    test("a CardPointe merchant sees its Integrated Terminal devices", async ({ page }) => {
      const corner = await merchantId("Corner Hardware");
      await page.goto(`/m/${corner}/terminals`);
      await expect(page.locator("tbody tr").first()).toBeVisible();
      await expect(page.getByText("Terminals are not available for this merchant yet.")).toHaveCount(0);
    });
  });
});
