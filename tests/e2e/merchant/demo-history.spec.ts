import { describeAs, expect, test } from "../fixtures";
import { merchantId, query } from "../helpers";

/**
 * The first ten minutes (issue 18): the demo seed made history through the sandboxes and the sync path (the e2e
 * setup seeds DEMO_HISTORY=small: a few weeks for Acme Coffee), so the first sign-in shows a living portal.
 */
const NOT_ZERO = /\$(?!0\.00\b)[\d,]+\.\d\d/;

test.describe("demo history on first sign-in", () => {
  test("owner@acme.test sees volume, approval rate, brands, declines, MRR and receivables aging", async ({
    signIn,
  }) => {
    const id = await merchantId("Acme Coffee");
    // Made on past days, not at seed time.
    const [span] = await query<{ days: number }>(
      "select count(distinct day)::int as days from daily_rollups where merchant_id = $1 and day < current_date - 7",
      [id],
    );
    expect(span?.days ?? 0).toBeGreaterThan(14);

    const { page } = await signIn("owner@acme.test");
    await page.goto(`/m/${id}?range=90`);
    const kpi = (label: string) => page.getByRole("group", { name: label, exact: true });
    await expect(kpi("Gross volume")).toContainText(NOT_ZERO);
    await expect(kpi("Approval rate")).toContainText(/\d+(\.\d)?%/);
    await expect(kpi("Approval rate")).not.toContainText("100.0%");

    const brands = page.getByRole("region", { name: "Card brand mix" });
    await expect(brands).toContainText(/visa/i);
    await expect(brands).toContainText(/mastercard|amex|discover/i);
    const declines = page.getByRole("region", { name: "Decline reasons" });
    await expect(declines).toContainText(/insufficient funds|do not honor|expired card/i);

    await expect(page.getByRole("group", { name: "MRR", exact: true })).toContainText(NOT_ZERO);

    const aging = page.getByRole("region", { name: "Receivables aging" });
    await expect(aging.getByRole("row", { name: /Total owed/ })).toContainText(NOT_ZERO);
    await expect(aging.getByRole("rowheader", { name: "90+ days" })).toBeVisible();
    await page.screenshot({ path: "test-results/demo-dashboard.png", fullPage: true });
  });

  describeAs("partnerAdmin", "as the partner admin", () => {
    test("the portfolio shows volume per merchant", async ({ page }) => {
      await page.goto("/partner?range=90");
      const volume = page.getByRole("region", { name: /Portfolio volume/ });
      await expect(volume.getByRole("listitem").filter({ hasText: "Acme Coffee" })).toContainText(NOT_ZERO);
      const row = page.getByRole("row").filter({ hasText: "Acme Coffee" });
      await expect(row).toContainText(NOT_ZERO);
    });
  });
});

test.describe("public files", () => {
  test("favicon set, logo, Open Graph image, manifest and robots.txt are served", async ({ page, request }) => {
    for (const [path, type] of [
      ["/favicon.ico", /image\/(x-icon|vnd\.microsoft\.icon)/],
      ["/favicon.svg", /image\/svg\+xml/],
      ["/logo.svg", /image\/svg\+xml/],
      ["/apple-touch-icon.png", /image\/png/],
      ["/og.png", /image\/png/],
      ["/site.webmanifest", /json|manifest/],
    ] as const) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(200);
      expect(res.headers()["content-type"], path).toMatch(type);
    }
    const robots = await request.get("/robots.txt");
    expect(robots.status()).toBe(200);
    expect(await robots.text()).toMatch(/Disallow: \/m\//);

    await page.goto("/login");
    await expect(page.locator('link[rel="icon"][href*="favicon.svg"]')).toHaveCount(1);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /\/og\.png$/);
  });
});
