import { expect, test } from "../fixtures";
import { merchantId, query } from "../helpers";
import { PAY_MERCHANTS, openInvoicePayPath } from "./pay-links";
import { VIEWPORTS } from "./routes";

/**
 * What a person sees first (issue 18 §2), on a desktop and on a 390 px phone: screenshots of the dashboard,
 * transactions, an invoice and the pay page (test-results/first-look-*.png), and the screen-level items that can be
 * asserted there.
 */
for (const viewport of VIEWPORTS) {
  test.describe(`first look (${viewport.name})`, () => {
    test.use({ viewport: viewport.size });

    test.describe("merchant owner", () => {
      test.use({ persona: "acmeOwner" });
      test("dashboard, transactions and an invoice read clearly", async ({ page }) => {
        const acme = await merchantId("Acme Coffee");
        const [inv] = await query<{ id: string }>(
          "select provider_id as id from invoices where merchant_id = $1 order by provider_created_at desc limit 1",
          [acme],
        );
        await page.goto(`/m/${acme}`);
        // Every section of the merchant nav is on screen: the sections wrap, nothing is cut off at the edge.
        const nav = page.getByRole("navigation", { name: "Merchant sections" });
        const links = nav.getByRole("link");
        await expect(links.first()).toBeVisible();
        for (const box of await links.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
          expect(box.right).toBeLessThanOrEqual(viewport.size.width);
          expect(box.left).toBeGreaterThanOrEqual(0);
        }
        await page.screenshot({ path: `test-results/first-look-dashboard-${viewport.name}.png`, fullPage: true });

        await page.goto(`/m/${acme}/transactions`);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        // People's words, not the gateway's: no raw source or event names.
        await expect(page.locator("main")).not.toContainText(/Source: api|transaction\.sale/);
        await page.screenshot({ path: `test-results/first-look-transactions-${viewport.name}.png`, fullPage: true });

        if (inv) {
          await page.goto(`/m/${acme}/invoices/${encodeURIComponent(inv.id)}`);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await expect(page.locator("main")).not.toContainText(/invoice\.payment\.|by customer:pay-page/);
          await page.screenshot({ path: `test-results/first-look-invoice-${viewport.name}.png`, fullPage: true });
        }
      });
    });

    test("the pay page", async ({ visitor }) => {
      const { page } = await visitor();
      await page.setViewportSize(viewport.size);
      const m = PAY_MERCHANTS[0];
      await page.goto(await openInvoicePayPath(m.merchant, m.owner, `First${viewport.name}`));
      await expect(page.getByRole("button", { name: /^Pay \$/ })).toBeVisible();
      // No surcharge is described unless the payer is charged one (this merchant charges none).
      await expect(page.getByTestId("surcharge-breakdown")).toHaveCount(0);
      await page.screenshot({ path: `test-results/first-look-pay-${viewport.name}.png`, fullPage: true });
    });
  });
}
