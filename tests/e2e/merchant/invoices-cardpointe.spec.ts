import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "@/lib/money";
import { computeSurchargedPayment } from "@/lib/totals";
import { launchBrowser, loginAs, merchantId, query } from "../helpers";
import { expectedTotals, fillInvoice, type Line, savedInvoiceId } from "./invoices-flow";

/**
 * The invoice flow on Corner Hardware (CardPointe): the portal keeps the invoice (no invoice API at CardPointe)
 * and the customer pays through the CardSecure iFrame; same screens as Acme Coffee's (invoices.spec.ts).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The customer's side: a fresh context without cookies pays through the CardSecure iFrame. */
async function payAsCustomer(link: string, card: string, expectButton: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const res = await page.goto(link);
  expect(res?.status()).toBe(200);
  const csp = res?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("frame-src");
  const frame = page.frameLocator("[data-tokenizer=cardpointe] iframe");
  await frame.getByLabel("Card number").fill(card);
  await frame.getByLabel("CVV").fill("123");
  const pay = page.getByRole("button", { name: expectButton });
  await pay.waitFor();
  await page.screenshot({ path: "test-results/pay-cardpointe.png", fullPage: true });
  await pay.click();
  await page.waitForURL(/\/receipt\//, { timeout: 30_000 });
  return { context, page };
}

describe("invoices on Corner Hardware (CardPointe)", () => {
  it("owner creates a 3-line invoice with tax and shipping, sends it; the customer pays by link through the CardSecure iFrame; the merchant sees it paid", async () => {
    const id = await merchantId("Corner Hardware");
    const lines: Line[] = [
      { name: "Claw hammer", quantity: "1", unitPrice: "24.99" },
      { name: "Wood screws (100)", quantity: "4", unitPrice: "6.49" },
      { name: "Tape measure 25ft", quantity: "2", unitPrice: "14.25" },
    ];
    const expected = expectedTotals(lines, "7.5", "12.00");
    const total = formatMoney(expected.total);

    const { context, page } = await loginAs(browser, "owner@corner.test");
    await page.goto(`/m/${id}/invoices`);
    await page.getByRole("link", { name: "New invoice" }).click();
    await page.waitForURL(/\/invoices\/new$/);
    await fillInvoice(page, { lines, taxPercent: "7.5", shipping: "12.00", email: "bob@example.test", send: "email" });
    // CardSecure's iFrame takes cards only: the editor says ACH isn't available on the pay page.
    await page.getByText("Bank account (ACH) payments aren't available on the pay page").waitFor();
    await expect(page.getByTestId("totals-total").textContent()).resolves.toBe(total);
    await page.getByRole("button", { name: "Create and send" }).click();
    const invoiceId = await savedInvoiceId(page);
    await expect(page.getByTestId("amount-due").textContent()).resolves.toBe(total);
    const [inv] = await query<{ source: string; number: string; total: string }>(
      "select source, number, total::text from invoices where merchant_id = $1 and provider_id = $2",
      [id, invoiceId],
    );
    expect(inv).toMatchObject({ source: "local", total: String(expected.total) });
    expect(inv?.number).toMatch(/^INV-\d+$/);
    await page.screenshot({ path: "test-results/invoice-cardpointe-detail.png", fullPage: true });

    // The invoice page keeps the pay link for the merchant to copy (the email itself: tests/e2e/merchant/mail.spec.ts).
    const link = await page.getByTestId("pay-link-field").inputValue();
    expect(link).toMatch(/\/pay\/[A-Za-z0-9_-]{43}$/);

    const customer = await payAsCustomer(link as string, "4111111111111111", `Pay ${total}`);
    await expect(customer.page.getByTestId("receipt-amount").textContent()).resolves.toBe(total);
    await expect(customer.page.getByTestId("receipt-remaining").textContent()).resolves.toBe("$0.00");
    await customer.page.screenshot({ path: "test-results/pay-cardpointe-receipt.png", fullPage: true });
    expect(await customer.context.cookies()).toEqual([]);
    await customer.page.goto(link as string);
    await customer.page.getByText("This invoice is paid.").waitFor();
    expect(await customer.page.getByRole("button", { name: /^Pay \$/ }).count()).toBe(0);
    await customer.context.close();

    // The merchant sees it paid, with the CardPointe transaction linked.
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
    await page.screenshot({ path: "test-results/invoice-cardpointe-paid.png", fullPage: true });
    await txLink.click();
    await page.waitForURL(new RegExp(`/transactions/${tx[0]?.id}$`));
    await page.goto(`/m/${id}/invoices?tab=paid`);
    await page.locator(`a[href="/m/${id}/invoices/${encodeURIComponent(invoiceId)}"]`).waitFor();
    await context.close();
  });

  it("with a 3% card surcharge set in invoice settings, the pay page shows it before paying and the receipt records it", async () => {
    const id = await merchantId("Corner Hardware");
    const { context, page } = await loginAs(browser, "owner@corner.test");
    await page.goto(`/m/${id}/invoices/settings`);
    await page.getByLabel("Card surcharge on invoice payments (%)").fill("3");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Saved.").waitFor();
    await page.screenshot({ path: "test-results/invoice-settings.png", fullPage: true });
    try {
      const lines: Line[] = [{ name: "Lawn mower service", quantity: "1", unitPrice: "80.00" }];
      const expected = expectedTotals(lines, "0", "0");
      await page.goto(`/m/${id}/invoices/new`);
      await fillInvoice(page, { lines, taxPercent: "0", shipping: "0", email: "sam@example.test", send: "none" });
      await page.getByRole("button", { name: "Save draft" }).click();
      const invoiceId = await savedInvoiceId(page);
      await page.getByLabel("Deliver by").selectOption("none");
      await page.getByRole("button", { name: "Send" }).click();
      const link = await page.getByTestId("pay-link").getAttribute("href");

      const p = computeSurchargedPayment(expected.total, "card", 3000);
      const customer = await payAsCustomer(link as string, "4111111111111111", `Pay ${formatMoney(p.total)}`);
      await expect(customer.page.getByTestId("receipt-amount").textContent()).resolves.toBe(formatMoney(p.total));
      await expect(customer.page.getByTestId("receipt-surcharge").textContent()).resolves.toContain(
        `${formatMoney(p.surcharge)} card surcharge (3%)`,
      );
      await expect(customer.page.getByTestId("receipt-remaining").textContent()).resolves.toBe("$0.00");
      await customer.page.screenshot({ path: "test-results/pay-cardpointe-surcharge-receipt.png", fullPage: true });
      await customer.context.close();
      const [inv] = await query<{ amount_paid: string; status: string }>(
        "select amount_paid::text, status from invoices where merchant_id = $1 and provider_id = $2",
        [id, invoiceId],
      );
      expect(inv).toEqual({ amount_paid: String(expected.total), status: "paid" });
    } finally {
      await query("update invoice_settings set card_surcharge_rate = 0 where merchant_id = $1", [id]);
      await context.close();
    }
  });
});
