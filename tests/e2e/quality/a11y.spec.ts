import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { describeAs, expect, test } from "../fixtures";
import { PAY_MERCHANTS, openInvoicePayPath } from "./pay-links";
import { VIEWPORTS, merchantRoutes, partnerRoutes, publicRoutes } from "./routes";

/**
 * WCAG 2.1 AA over every route (issue 18 §3): axe-core in Chromium, on desktop and on a phone-sized viewport,
 * signed in as the personas that reach them. Critical and serious violations fail; each is listed with its nodes.
 */
async function audit(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => `${path} — ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const viewport of VIEWPORTS) {
  test.describe(`axe sweep (${viewport.name})`, () => {
    test.use({ viewport: viewport.size });

    describeAs("acmeOwner", "merchant owner", () => {
      test("every merchant page has no critical or serious violation", async ({ page }) => {
        test.setTimeout(240_000);
        const problems: string[] = [];
        for (const path of await merchantRoutes()) problems.push(...(await audit(page, path)));
        expect(problems).toEqual([]);
      });
    });

    describeAs("partnerAdmin", "partner admin", () => {
      test("every partner page has no critical or serious violation", async ({ page }) => {
        const problems: string[] = [];
        for (const path of partnerRoutes) problems.push(...(await audit(page, path)));
        expect(problems).toEqual([]);
      });
    });

    test("the pay page of an open invoice (FluidPay and CardPointe) has no critical or serious violation", async ({
      visitor,
    }) => {
      const { page } = await visitor();
      await page.setViewportSize(viewport.size);
      const problems: string[] = [];
      for (const m of PAY_MERCHANTS) {
        const path = await openInvoicePayPath(m.merchant, m.owner, `Axe${m.family}${viewport.name}`);
        await page.goto(path);
        // The real form: amount, the gateway's card frame (loaded) and the pay button.
        await expect(page.locator(`[data-tokenizer=${m.family}] iframe`)).toBeVisible();
        await expect(page.getByRole("button", { name: /^Pay \$/ })).toBeVisible();
        problems.push(...(await audit(page, path)));
      }
      expect(problems).toEqual([]);
    });

    test("sign-in pages and an unknown pay link have no critical or serious violation", async ({ visitor }) => {
      const { page } = await visitor();
      await page.setViewportSize(viewport.size);
      const problems: string[] = [];
      for (const path of [...publicRoutes, "/pay/not-a-real-link-000000000000000000000000000"])
        problems.push(...(await audit(page, path)));
      expect(problems).toEqual([]);
    });
  });
}
