import { expect, type Page } from "@playwright/test";
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

/**
 * After a save, the editor goes to the invoice's page (`…/invoices/<id>?saved=1`, whose notice then takes the
 * parameter out of the address): its id.
 */
export async function savedInvoiceId(page: Page): Promise<string> {
  const saved = /\/invoices\/(?!new(?:\?|$))([^/?]+)(?:\?saved=1)?$/;
  await expect(page).toHaveURL(saved, { timeout: 30_000 });
  await expect(page.getByText(/^Invoice saved/)).toBeVisible();
  const m = saved.exec(page.url());
  if (!m?.[1]) throw new Error(`no invoice id in ${page.url()}`);
  return decodeURIComponent(m[1]);
}

/**
 * The customer's side of a pay link, in a browser without cookies (`visitor()`): the page admits only its tokenizer
 * frame; the card goes into the frame (FluidPay: number, MM/YY, CVC; CardSecure: number, CVV), `beforePay` checks
 * the filled page, the pay button (`pay`, default any "Pay $…") is pressed and the receipt opens.
 */
export async function payByLink(
  page: Page,
  link: string,
  opts: {
    family: "fluidpay" | "cardpointe";
    card: string;
    amount?: string;
    pay?: string;
    beforePay?: () => Promise<void>;
  },
): Promise<void> {
  const res = await page.goto(link);
  expect(res?.status()).toBe(200);
  const csp = res?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("frame-src");
  if (opts.amount !== undefined) await page.getByLabel("Amount to pay").fill(opts.amount);
  const frame = page.frameLocator(`[data-tokenizer${opts.family === "cardpointe" ? "=cardpointe" : ""}] iframe`);
  await frame.getByLabel("Card number").fill(opts.card);
  if (opts.family === "fluidpay") {
    await frame.getByLabel("Expiration (MM/YY)").fill("12/30");
    await frame.getByLabel("CVC").fill("123");
  } else {
    await frame.getByLabel("CVV").fill("123");
  }
  await opts.beforePay?.();
  await page.getByRole("button", { name: opts.pay ?? /^Pay \$/ }).click();
  await expect(page).toHaveURL(/\/receipt\//, { timeout: 30_000 });
}
