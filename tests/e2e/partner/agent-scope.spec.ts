import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, loginAs, merchantId, query } from "../helpers";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("partner agent scope", () => {
  it("agent@demo.test sees only assigned merchants on the portfolio and dashboard, cannot open or export another, and cannot assign", async () => {
    const corner = await merchantId("Corner Hardware");
    const [partner] = await query<{ id: string }>("select id from partners where name = 'Demo Partners'");
    const { context, page } = await loginAs(browser, "agent@demo.test");
    await page.goto("/partner");
    await page.getByRole("heading", { name: "Boarding pipeline" }).waitFor();
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("Acme Coffee");
    expect(text).toContain("Blue Fern Studio");
    expect(text).not.toContain("Corner Hardware");
    // Agents do not manage assignments.
    await expect(page.getByRole("columnheader", { name: "Agents" }).count()).resolves.toBe(0);
    await page.screenshot({ path: "test-results/partner-agent-portfolio.png", fullPage: true });

    // Searching for it by name finds nothing; opening it is "not found".
    await page.goto("/partner?q=Corner");
    await page.getByText("No merchants match").waitFor();
    expect((await page.goto(`/m/${corner}`))?.status()).toBe(404);

    // Export with and without filters leaves it out.
    for (const qs of ["", "?q=Corner", "?gateway=cardpointe"]) {
      const csv = await context.request.get(`${baseUrl()}/api/partner/${partner!.id}/portfolio.csv${qs}`);
      expect(csv.status()).toBe(200);
      expect(await csv.text()).not.toContain("Corner Hardware");
    }
    await context.close();
  });
});
