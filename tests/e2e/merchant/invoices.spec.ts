import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "@/lib/money";
import { baseUrl, launchBrowser, loginAs, merchantId, query } from "../helpers";
import { expectedTotals, fillInvoice, savedInvoiceId } from "./invoices-flow";

let browser: Browser;
/** The first test's pay link, expired by the last one. */
let paidLink: string | null = null;
/** A surchargeable credit BIN of the sandbox (4111… is a debit BIN there). */
const CREDIT_CARD = "4005519200000004";
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The customer's side: a fresh context without cookies pays through the gateway's iframe. */
async function payAsCustomer(link: string, card: string, amount?: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const res = await page.goto(link);
  expect(res?.status()).toBe(200);
  const csp = res?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("frame-src");
  if (amount !== undefined) await page.getByLabel("Amount to pay").fill(amount);
  const frame = page.frameLocator("[data-tokenizer] iframe");
  await frame.getByLabel("Card number").fill(card);
  await frame.getByLabel("Expiration (MM/YY)").fill("12/30");
  await frame.getByLabel("CVC").fill("123");
  // A credit card gets the gateway's surcharge notice before paying; a debit card none.
  if (card === CREDIT_CARD) await page.getByText("Surcharge notice").waitFor();
  await page.getByRole("button", { name: /^Pay \$/ }).click();
  await page.waitForURL(/\/receipt\//, { timeout: 30_000 });
  return { context, page };
}

describe("invoices", () => {
  it("owner creates a 3-line invoice with tax and shipping, sends it; the customer pays it by link; the merchant sees it paid", async () => {
    const id = await merchantId("Acme Coffee");
    const lines = [
      { name: "House blend 1kg", quantity: "2", unitPrice: "24.50" },
      { name: "Milk frother", quantity: "1", unitPrice: "89.99" },
      { name: "Paper cups (box)", quantity: "3", unitPrice: "12.35" },
    ];
    const expected = expectedTotals(lines, "8.25", "9.95");
    const total = formatMoney(expected.total);

    const { context, page } = await loginAs(browser, "owner@acme.test");
    await page.goto(`/m/${id}/invoices/new`);
    await fillInvoice(page, {
      lines,
      taxPercent: "8.25",
      shipping: "9.95",
      email: "grace@example.test",
      send: "email",
    });
    // Live totals from the one totals module, before saving.
    await expect(page.getByTestId("totals-total").textContent()).resolves.toBe(total);
    await expect(page.getByTestId("totals-tax").textContent()).resolves.toBe(formatMoney(expected.tax));
    await page.screenshot({ path: "test-results/invoice-editor.png", fullPage: true });
    await page.getByRole("button", { name: "Create and send" }).click();
    const invoiceId = await savedInvoiceId(page);
    await expect(page.getByTestId("amount-due").textContent()).resolves.toBe(total);

    // The invoice page keeps the pay link for the merchant to copy (the email itself: tests/e2e/merchant/mail.spec.ts).
    const link = await page.getByTestId("pay-link-field").inputValue();
    expect(link).toMatch(/\/pay\/[A-Za-z0-9_-]{43}$/);
    paidLink = link;

    const customer = await payAsCustomer(link as string, "4111111111111111");
    await expect(customer.page.getByTestId("receipt-amount").textContent()).resolves.toBe(total);
    await expect(customer.page.getByTestId("receipt-remaining").textContent()).resolves.toBe("$0.00");
    await customer.page.screenshot({ path: "test-results/pay-receipt.png", fullPage: true });
    expect(await customer.context.cookies()).toEqual([]);
    // Opened again, the invoice says paid and offers no form.
    await customer.page.goto(link as string);
    await customer.page.getByText("This invoice is paid.").waitFor();
    expect(await customer.page.getByRole("button", { name: /^Pay \$/ }).count()).toBe(0);
    await customer.context.close();

    // The merchant sees it paid, with the transaction linked.
    await page.goto(`/m/${id}/invoices/${encodeURIComponent(invoiceId)}`);
    await expect(page.locator("[data-state]").first().getAttribute("data-state")).resolves.toBe("paid");
    const tx = await query<{ id: string; amount: string }>(
      "select provider_id as id, amount::text from transactions where merchant_id = $1 and invoice_id = $2 and approved",
      [id, invoiceId],
    );
    expect(tx).toHaveLength(1);
    expect(Number(tx[0]?.amount)).toBe(expected.total);
    const txLink = page.getByTestId("invoice-payment").getByRole("link", { name: tx[0]?.id });
    expect(await txLink.getAttribute("href")).toBe(`/m/${id}/transactions/${tx[0]?.id}`);
    await page.screenshot({ path: "test-results/invoice-detail-paid.png", fullPage: true });
    await page.goto(`/m/${id}/invoices?tab=paid`);
    await page.locator(`a[href="/m/${id}/invoices/${encodeURIComponent(invoiceId)}"]`).waitFor();
    await page.screenshot({ path: "test-results/invoice-list.png", fullPage: true });
    await context.close();
  });

  it("a partial payment on an invoice that allows it leaves the right amount due", async () => {
    const id = await merchantId("Acme Coffee");
    const lines = [{ name: "Catering deposit", quantity: "1", unitPrice: "250.00" }];
    const expected = expectedTotals(lines, "10", "0");
    const { context, page } = await loginAs(browser, "owner@acme.test");
    await page.goto(`/m/${id}/invoices/new`);
    await fillInvoice(page, {
      lines,
      taxPercent: "10",
      shipping: "0",
      email: "lin@example.test",
      partial: true,
      send: "none",
    });
    await page.getByRole("button", { name: "Save draft" }).click();
    const invoiceId = await savedInvoiceId(page);
    await page.getByLabel("Deliver by").selectOption("none");
    await page.getByRole("button", { name: "Send" }).click();
    const link = await page.getByTestId("pay-link").getAttribute("href");
    expect(link).toMatch(/\/pay\//);

    const customer = await payAsCustomer(link as string, CREDIT_CARD, "100.00");
    await expect(customer.page.getByTestId("receipt-amount").textContent()).resolves.toBe("$100.00");
    const remaining = formatMoney(expected.total - 10_000);
    await expect(customer.page.getByTestId("receipt-remaining").textContent()).resolves.toBe(remaining);
    await customer.page.goto(link as string);
    await expect(customer.page.getByTestId("amount-due").textContent()).resolves.toBe(remaining);
    await customer.page.screenshot({ path: "test-results/pay-partial.png", fullPage: true });
    // Mobile first: the amount and the pay button fit a phone screen without sideways scrolling.
    await customer.page.setViewportSize({ width: 375, height: 740 });
    await customer.page.frameLocator("[data-tokenizer] iframe").getByLabel("Card number").waitFor();
    expect(await customer.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await customer.page.screenshot({ path: "test-results/pay-mobile.png", fullPage: true });
    await customer.context.close();

    await page.goto(`/m/${id}/invoices/${encodeURIComponent(invoiceId)}`);
    await expect(page.getByTestId("amount-due").textContent()).resolves.toBe(remaining);
    await expect(page.locator("[data-state]").first().getAttribute("data-state")).resolves.toBe("partially_paid");
    await context.close();
  });

  it("an unknown or expired link is a 404 'link not valid' page that reveals nothing else", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const res = await page.goto(`${baseUrl()}/pay/${"x".repeat(43)}`);
    expect(res?.status()).toBe(404);
    expect(res?.headers()["content-security-policy"]).toContain("default-src 'self'");
    const text = await page.innerText("body");
    expect(text).toContain("This link is not valid");
    expect(text).not.toMatch(/Acme|Blue Fern|Corner/);
    await page.screenshot({ path: "test-results/pay-not-valid.png", fullPage: true });
    // An expired link of a real invoice looks exactly the same.
    expect(paidLink).toBeTruthy();
    await query("update invoice_links set expires_at = now() - interval '1 day'");
    const expired = await page.goto(paidLink as string);
    expect(expired?.status()).toBe(404);
    const expiredText = await page.innerText("body");
    expect(expiredText).toContain("This link is not valid");
    expect(expiredText).not.toMatch(/Acme|Grace|\$/);
    await context.close();
  });
});
