import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, loginAs, merchantId } from "../helpers";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function runOn(page: Page, tpn: string, amount: string): Promise<string> {
  const option = page.locator("#run-terminalId option", { hasText: `TPN ${tpn}` });
  const value = await option.getAttribute("value");
  if (!value) throw new Error(`no terminal with TPN ${tpn}`);
  await page.getByLabel("Terminal", { exact: true }).selectOption(value);
  await page.getByLabel("Amount").fill(amount);
  await page.getByRole("button", { name: "Send to terminal" }).click();
  // Progress: waiting for the card first, then the outcome.
  await page.getByText("Waiting for the customer").waitFor({ timeout: 15_000 });
  const outcome = page.locator("[data-run-state]");
  await outcome.waitFor({ timeout: 30_000 });
  return (await outcome.getAttribute("data-run-state")) ?? "";
}

describe("terminals", () => {
  it("a terminal sale on the success TPN shows progress and ends approved; on the decline TPN it ends declined", async () => {
    const acme = await merchantId("Acme Coffee");
    const { context, page } = await loginAs(browser, "owner@acme.test");
    await page.goto(`/m/${acme}/terminals`);
    await expect(page.getByRole("heading", { name: "Terminals", level: 1 }).count()).resolves.toBe(1);
    await expect(page.locator("tbody tr").count()).resolves.toBeGreaterThanOrEqual(2);

    expect(await runOn(page, "000000000001", "12.00")).toBe("approved");
    await expect(page.locator("[data-run-state]").textContent()).resolves.toContain("Approved");
    await page.screenshot({ path: "test-results/terminals-approved.png", fullPage: true });
    await page.getByRole("button", { name: "New terminal transaction" }).click();

    expect(await runOn(page, "000000000002", "15.00")).toBe("declined");
    await expect(page.locator("[data-run-state]").textContent()).resolves.toContain("Declined");
    await context.close();
  });

  it("a CardPointe merchant sees its Integrated Terminal devices", async () => {
    const corner = await merchantId("Corner Hardware");
    const { context, page } = await loginAs(browser, "owner@corner.test");
    await page.goto(`/m/${corner}/terminals`);
    await expect(page.getByText("Terminals are not available for this merchant yet.").count()).resolves.toBe(0);
    await expect(page.locator("tbody tr").count()).resolves.toBeGreaterThanOrEqual(1);
    await context.close();
  });
});
