import type { Page } from "playwright-core";
import { draftTotals, emptyLine, type InvoiceDraft } from "@/lib/validations/invoices";

/** The merchant's side of the invoice e2e specs (FluidPay and CardPointe run the same screens). */

export interface Line {
  name: string;
  quantity: string;
  unitPrice: string;
}

/** The same draft the test types, for the expected totals (the one totals module). */
export function expectedTotals(lines: Line[], taxPercent: string, shipping: string) {
  const d: InvoiceDraft = {
    number: "",
    customerId: "",
    dueDate: "2030-01-01",
    items: lines.map((l) => ({ ...emptyLine(), ...l })),
    taxMode: "percent",
    taxPercent,
    taxAmount: "",
    shipping,
    adjustment: "",
    paymentMethods: ["card"],
    allowPartialPayment: false,
    transactionType: "sale",
    message: "",
    sendVia: "email",
    billTo: {},
    payableTo: {},
  };
  return draftTotals(d);
}

export async function fillInvoice(
  page: Page,
  opts: { lines: Line[]; taxPercent: string; shipping: string; email: string; partial?: boolean; send: string },
) {
  await page.locator("#billTo-firstName").fill("Grace");
  await page.locator("#billTo-lastName").fill("Hopper");
  await page.locator("#billTo-email").fill(opts.email);
  await page.locator("#billTo-line1").fill("1 Navy Way");
  await page.locator("#billTo-city").fill("Arlington");
  await page.locator("#billTo-state").fill("VA");
  await page.locator("#billTo-postalCode").fill("22202");
  for (let i = 0; i < opts.lines.length; i++) {
    if (i > 0) await page.getByRole("button", { name: "Add item" }).click();
    const line = opts.lines[i] as Line;
    await page.locator(`#item-${i}-name`).fill(line.name);
    await page.locator(`#item-${i}-quantity`).fill(line.quantity);
    await page.locator(`#item-${i}-unitPrice`).fill(line.unitPrice);
  }
  await page.getByLabel("Your street address").fill("2 Bean St");
  await page.getByLabel("Your city").fill("Portland");
  await page.getByLabel("Your state").fill("OR");
  await page.getByLabel("Your postal code").fill("97201");
  await page.getByLabel("Tax percent (taxable items)").fill(opts.taxPercent);
  await page.getByLabel("Shipping", { exact: true }).fill(opts.shipping);
  if (opts.partial) await page.getByLabel("Allow partial payments").check();
  await page.getByLabel("When saved").selectOption(opts.send);
}

export async function savedInvoiceId(page: Page): Promise<string> {
  await page.waitForURL(/\/invoices\/[^/]+\?saved=1$/, { timeout: 30_000 }).catch(async (err) => {
    await page.screenshot({ path: "test-results/invoice-save-failed.png", fullPage: true });
    throw err;
  });
  const m = /\/invoices\/([^/?]+)\?saved=1$/.exec(page.url());
  if (!m?.[1]) throw new Error(`no invoice id in ${page.url()}`);
  return decodeURIComponent(m[1]);
}
