import { expect, type Locator, type Page } from "@playwright/test";
import { draftTotals } from "@/lib/validations/invoices";
import { invoiceDraft, invoiceLine } from "@/tests/fixtures/invoices";
import type { Session } from "../fixtures";
import { query } from "../helpers";

/** The merchant's side of the invoice e2e specs (FluidPay and CardPointe run the same screens). */

export interface Line {
  name: string;
  quantity: string;
  unitPrice: string;
}

/** The same draft the test types, for the expected totals (the one totals module). */
export function expectedTotals(lines: Line[], taxPercent: string, shipping: string) {
  const d = invoiceDraft({ dueDate: "2030-01-01", items: lines.map((l) => invoiceLine(l)), taxPercent, shipping });
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

/** Saves the filled editor as a draft and sends it without delivery: the invoice's id and its pay link. */
export async function saveAndSendWithoutDelivery(page: Page): Promise<{ invoiceId: string; link: string }> {
  await page.getByRole("button", { name: "Save draft" }).click();
  const invoiceId = await savedInvoiceId(page);
  await page.getByLabel("Deliver by").selectOption("none");
  await page.getByRole("button", { name: "Send" }).click();
  const payLink = page.getByTestId("pay-link");
  await expect(payLink).toHaveAttribute("href", /\/pay\//);
  return { invoiceId, link: (await payLink.getAttribute("href"))! };
}

/** The pay link the invoice page keeps for the merchant to copy (the email itself: tests/e2e/merchant/mail.spec.ts). */
export async function copiedPayLink(page: Page): Promise<string> {
  const payLinkField = page.getByTestId("pay-link-field");
  await expect(payLinkField).toHaveValue(/\/pay\/[A-Za-z0-9_-]{43}$/);
  return payLinkField.inputValue();
}

/**
 * After the customer paid the whole invoice: the receipt shows `total` and nothing left, the pay page set no cookie,
 * and the link opened again says paid and offers no form.
 */
export async function expectPaidInFull(customer: Session, link: string, total: string, screenshot: string) {
  await expect(customer.page.getByTestId("receipt-amount")).toHaveText(total);
  await expect(customer.page.getByTestId("receipt-remaining")).toHaveText("$0.00");
  await customer.page.screenshot({ path: screenshot, fullPage: true });
  expect(await customer.context.cookies()).toEqual([]);
  await customer.page.goto(link);
  await expect(customer.page.getByText("This invoice is paid.")).toBeVisible();
  await expect(customer.page.getByRole("button", { name: /^Pay \$/ })).toHaveCount(0);
}

/**
 * The merchant's invoice page shows it paid, with its one approved transaction of `totalCents` linked to the
 * transaction's page. Returns that link.
 */
export async function expectInvoicePaid(page: Page, merchantId: string, invoiceId: string, totalCents: number) {
  await page.goto(`/m/${merchantId}/invoices/${encodeURIComponent(invoiceId)}`);
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "paid");
  const tx = await query<{ id: string; amount: string }>(
    "select provider_id as id, amount::text from transactions where merchant_id = $1 and invoice_id = $2 and approved",
    [merchantId, invoiceId],
  );
  expect(tx).toHaveLength(1);
  expect(Number(tx[0]?.amount)).toBe(totalCents);
  const txLink: Locator = page.getByTestId("invoice-payment").getByRole("link", { name: tx[0]?.id });
  await expect(txLink).toHaveAttribute("href", `/m/${merchantId}/transactions/${tx[0]?.id}`);
  return { txLink, transactionId: tx[0]?.id };
}
