import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, eventually, launchBrowser, loginAs, merchantCredentials, merchantId, query } from "../helpers";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Charges straight at the sandbox gateway, as another channel would: the portal learns of them only by webhook. */
async function charge(apiKey: string, number: string, amount: number) {
  const res = await fetch(`${baseUrl()}/sandbox/gateway/api/transaction`, {
    method: "POST",
    headers: { authorization: apiKey, "content-type": "application/json" },
    body: JSON.stringify({
      type: "sale",
      amount,
      payment_method: { card: { number, expiration_date: "12/30" } },
      idempotency_key: crypto.randomUUID(),
    }),
  });
  expect(res.status).toBe(200);
}

describe("merchant dashboard", () => {
  it("shows volume, approval rate, decline reasons and brand mix from webhook-fed rollups", async () => {
    const id = await merchantId("Blue Fern Studio");
    const creds = await merchantCredentials("Blue Fern Studio");
    if (creds.gateway.family !== "fluidpay") throw new Error("Blue Fern runs on the gateway family");
    await charge(creds.gateway.apiKey, "4111111111111111", 4250);
    await charge(creds.gateway.apiKey, "5555555555554444", 1750);
    await charge(creds.gateway.apiKey, "4000000000009995", 999);
    await eventually(async () => {
      const rows = await query<{ n: number }>("select count(*)::int as n from transactions where merchant_id = $1", [
        id,
      ]);
      return (rows[0]?.n ?? 0) >= 3;
    });

    const { context, page } = await loginAs(browser, "owner@bluefern.test");
    await page.goto(`/m/${id}?range=7`);
    const kpi = (label: string) => page.getByRole("group", { name: label, exact: true });
    await expect(kpi("Gross volume").textContent()).resolves.toContain("$60.00");
    await expect(kpi("Approval rate").textContent()).resolves.toContain("66.7%");
    await expect(kpi("Average ticket").textContent()).resolves.toContain("$30.00");
    await page.getByRole("region", { name: "Decline reasons" }).locator("svg").first().waitFor();
    const reasons = await page.getByRole("region", { name: "Decline reasons" }).textContent();
    expect(reasons?.toLowerCase()).toContain("insufficient");
    const brands = await page.getByRole("region", { name: "Card brand mix" }).textContent();
    expect(brands).toMatch(/visa\s*\$42\.50/i);
    expect(brands).toMatch(/mastercard\s*\$17\.50/i);
    await page.screenshot({ path: "test-results/dashboard.png", fullPage: true });
    await context.close();
  });

  it("shows an empty state, not zeros pretending to be data, for a merchant without transactions", async () => {
    // A brand-new merchant of the demo partner (other specs give every demo merchant transactions).
    const [m] = await query<{ id: string }>(
      "insert into merchants (partner_id, name, gateway) select id, 'Empty Shop', 'fluidpay' from partners where name = 'Demo Partners' returning id",
    );
    const { context, page } = await loginAs(browser, "partner@demo.test");
    await page.goto(`/m/${m?.id}`);
    await expect(page.getByText("No transactions yet.").count()).resolves.toBe(1);
    await expect(page.getByText("No approved sales in this period.").count()).resolves.toBe(1);
    await context.close();
  });
});
