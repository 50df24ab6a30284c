import { expect, test } from "../fixtures";
import { PAY_MERCHANTS, openInvoicePayPath } from "./pay-links";
import { VIEWPORTS } from "./routes";

/**
 * The pay page's card fields look like the page's own inputs (issue 18 §2): the gateway's iframe is styled through
 * its documented styling parameter (FluidPay `settings.styles`, CardPointe `css`), which the emulators honour.
 * Screenshots for people to look at: test-results/pay-<family>-<viewport>.png.
 */
for (const viewport of VIEWPORTS) {
  test(`the tokenizer fields match the pay page's inputs (${viewport.name})`, async ({ visitor }) => {
    const { page } = await visitor();
    await page.setViewportSize(viewport.size);
    for (const m of PAY_MERCHANTS) {
      await page.goto(await openInvoicePayPath(m.merchant, m.owner, `Look${m.family}${viewport.name}`));
      const amount = page.getByLabel("Amount to pay");
      await expect(amount).toBeVisible();
      const card = page.frameLocator(`[data-tokenizer=${m.family}] iframe`).getByLabel("Card number");
      await expect(card).toBeVisible();
      const look = (el: Element) => {
        const s = getComputedStyle(el);
        return { radius: s.borderTopLeftRadius, font: s.fontFamily.split(",")[0] };
      };
      // Same corner radius and typeface as the amount field; the page's slate border, 16 px text.
      expect(await card.evaluate(look)).toEqual(await amount.evaluate(look));
      await expect(card).toHaveCSS("border-top-color", "rgb(203, 213, 225)");
      await expect(card).toHaveCSS("font-size", "16px");
      await page.screenshot({ path: `test-results/pay-${m.family}-${viewport.name}.png`, fullPage: true });
    }
  });
}
