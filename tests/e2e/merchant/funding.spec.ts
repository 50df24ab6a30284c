import { describeAs, expect, test } from "../fixtures";
import { baseUrl, merchantCredentials, merchantId } from "../helpers";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describeAs("cornerOwner", "CardPointe settlements and funding", () => {
  test("follows a sale to its batch and to the deposit that paid it, with fees", async ({ page }) => {
    const id = await merchantId("Corner Hardware");
    const creds = await merchantCredentials("Corner Hardware");
    if (creds.gateway.family !== "cardpointe") throw new Error("Corner Hardware runs on CardPointe");
    const { merchid, site, username, password } = creds.gateway;
    const auth = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
    const sale = await fetch(`${baseUrl()}/sandbox/cardpointe/${site}-uat/cardconnect/rest/auth`, {
      method: "PUT",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({
        merchid,
        amount: "42.50",
        account: "4111111111111111",
        expiry: "1230",
        capture: "Y",
        orderid: `FUND${Date.now()}`,
      }),
    }).then((r) => r.json() as Promise<{ respstat: string; retref: string }>);
    expect(sale.respstat).toBe("A");
    const control = (path: string, body: object) =>
      fetch(`${baseUrl()}/sandbox/cardpointe/_control/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ merchid, ...body }),
      });
    expect((await control("settle", {})).status).toBe(200);
    expect((await control("clock", { advance_seconds: 86_400 })).status).toBe(200);

    await page.goto(`/m/${id}/settlements`);
    await page.getByRole("button", { name: "Sync from gateway" }).click();
    await expect(page.getByText(/batch(es)? up to date/)).toBeVisible();
    await page.reload();
    await expect(page.locator("tbody tr").first()).toBeVisible();

    await page.goto(`/m/${id}/funding?range=custom&from=${day(-1)}&to=${day(3)}`);
    const deposit = page.locator("li details").first();
    await deposit.locator("summary").click();
    await expect(deposit).toContainText(sale.retref);
    const batchLink = deposit.locator('a[href*="/settlements/"]').first();
    await expect(batchLink).toBeVisible();
    await expect(page.getByText("Deposited")).toHaveCount(1);
    await page.screenshot({ path: "test-results/funding.png", fullPage: true });
    await batchLink.click();
    await expect(page).toHaveURL(/\/settlements\//);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Batch /);
  });
});
