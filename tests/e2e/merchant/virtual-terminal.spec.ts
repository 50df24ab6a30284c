import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, loginAs, merchantId, query } from "../helpers";

/** The virtual terminal's fee preview (staff), and the same form on a CardPointe merchant (iToke iframe). */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("virtual terminal", () => {
  it("shows the gateway's surcharge and disclosure before submit, and charges exactly the previewed total", async () => {
    const acme = await merchantId("Acme Coffee");
    const { context, page } = await loginAs(browser, "staff@acme.test");
    await page.goto(`/m/${acme}/terminal`);
    await page.waitForURL((u) => u.searchParams.has("intent"));
    await page.getByRole("textbox", { name: "Amount", exact: true }).fill("100.00");
    const frame = page.frameLocator('iframe[title="Payment details"]');
    // A surchargeable credit card: the preview asks the gateway once the BIN is known.
    await frame.getByLabel("Card number").fill("4005519200000004");
    await frame.getByLabel("Expiration (MM/YY)").fill("12/30");
    await frame.getByLabel("CVC").fill("123");
    const summary = page.getByRole("region", { name: "Summary" });
    await summary.getByText("Surcharge", { exact: true }).waitFor({ timeout: 15_000 });
    expect(await summary.getByTestId("vt-total").textContent()).toBe("$103.50");
    expect(await summary.getByRole("note").textContent()).toMatch(/surcharge is applied to credit card payments/i);
    await page.screenshot({ path: "test-results/h7-vt-surcharge.png", fullPage: true });
    const orderId = `SUR${Date.now().toString().slice(-8)}`;
    await page.getByLabel("Order id").fill(orderId);
    await page.getByRole("button", { name: "Charge $103.50" }).click();
    const result = page.getByRole("status").filter({ hasText: "Payment approved" });
    await result.waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toContain("$103.50");
    const rows = await query<{ amount: number }>(
      "select amount::int as amount from transactions where merchant_id = $1 and order_id = $2",
      [acme, orderId],
    );
    expect(rows).toEqual([{ amount: 10350 }]);
    await context.close();
  });

  it("a CardPointe merchant charges a card through the iToke iframe with the same form", async () => {
    const corner = await merchantId("Corner Hardware");
    const { context, page } = await loginAs(browser, "owner@corner.test");
    await page.goto(`/m/${corner}/terminal`);
    await page.waitForURL((u) => u.searchParams.has("intent"));
    const frame = page.frameLocator('iframe[title="Payment details"]');
    await frame.getByLabel("Card number").fill("4111111111111111");
    await frame.getByLabel("CVV").fill("123");
    await page.getByRole("textbox", { name: "Amount", exact: true }).fill("42.50");
    const orderId = `CP${Date.now().toString().slice(-8)}`;
    await page.getByLabel("Order id").fill(orderId);
    await page.screenshot({ path: "test-results/h7-vt-cardpointe.png", fullPage: true });
    await page.getByRole("button", { name: "Charge $42.50" }).click();
    const result = page.getByRole("status").filter({ hasText: "Payment approved" });
    await result.waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toContain("$42.50");
    const rows = await query<{ amount: number; family: string }>(
      "select amount::int as amount, family::text as family from transactions where merchant_id = $1 and order_id = $2",
      [corner, orderId],
    );
    expect(rows).toEqual([{ amount: 4250, family: "cardpointe" }]);
    await context.close();
  });

  it("a CardPointe charge saved to the vault creates a profile the portal can read back (vault customer cached)", async () => {
    const corner = await merchantId("Corner Hardware");
    const { context, page } = await loginAs(browser, "owner@corner.test");
    await page.goto(`/m/${corner}/terminal`);
    await page.waitForURL((u) => u.searchParams.has("intent"));
    const frame = page.frameLocator('iframe[title="Payment details"]');
    await frame.getByLabel("Card number").fill("4111111111111111");
    await frame.getByLabel("CVV").fill("123");
    await page.getByRole("textbox", { name: "Amount", exact: true }).fill("12.00");
    const orderId = `CV${Date.now().toString().slice(-8)}`;
    await page.getByLabel("Order id").fill(orderId);
    await page.getByLabel("Save this payment method to the customer vault after approval").check();
    await page.getByRole("button", { name: "Charge $12.00" }).click();
    await page.getByRole("status").filter({ hasText: "Payment approved" }).waitFor({ timeout: 30_000 });
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
    await context.close();
  });
});
