import { describeAs, expect, test } from "../fixtures";
import { merchantId, partnerId } from "../helpers";

describeAs("agent", "partner agent scope", () => {
  test("agent@demo.test sees only assigned merchants on the portfolio and dashboard, cannot open or export another, and cannot assign", async ({
    page,
  }) => {
    const corner = await merchantId("Corner Hardware");
    const partner = await partnerId();
    await page.goto("/partner");
    await expect(page.getByRole("heading", { name: "Boarding pipeline" })).toBeVisible();
    const main = page.locator("main");
    await expect(main).toContainText("Acme Coffee");
    await expect(main).toContainText("Blue Fern Studio");
    await expect(main).not.toContainText("Corner Hardware");
    // Agents do not manage assignments.
    await expect(page.getByRole("columnheader", { name: "Agents" })).toHaveCount(0);
    await page.screenshot({ path: "test-results/partner-agent-portfolio.png", fullPage: true });

    // Searching for it by name finds nothing; opening it is "not found".
    await page.goto("/partner?q=Corner");
    await expect(page.getByText("No merchants match")).toBeVisible();
    expect((await page.goto(`/m/${corner}`))?.status()).toBe(404);

    // Export with and without filters leaves it out.
    for (const qs of ["", "?q=Corner", "?gateway=cardpointe"]) {
      const csv = await page.request.get(`/api/partner/${partner}/portfolio.csv${qs}`);
      expect(csv.status()).toBe(200);
      expect(await csv.text()).not.toContain("Corner Hardware");
    }
  });
});
