import { formatMoney } from "@/lib/money";
import { expect, test } from "../fixtures";
import { merchantId, query } from "../helpers";
import {
  copiedPayLink,
  expectedTotals,
  expectInvoicePaid,
  expectPaidInFull,
  fillInvoice,
  payByLink,
  saveAndSendWithoutDelivery,
  savedInvoiceId,
} from "./invoices-flow";

/** A surchargeable credit BIN of the sandbox (4111… is a debit BIN there). */
const CREDIT_CARD = "4005519200000004";

test.describe("invoices", () => {
  // The last test expires the first one's pay link: in order, stopping at a failure.
  test.describe.configure({ mode: "serial" });
  test.use({ persona: "acmeOwner" });

  /** The first test's pay link, expired by the last one. */
  let paidLink: string | null = null;

  test("owner creates a 3-line invoice with tax and shipping, sends it; the customer pays it by link; the merchant sees it paid", async ({
    page,
    visitor,
  }) => {
    const id = await merchantId("Acme Coffee");
    const lines = [
      { name: "House blend 1kg", quantity: "2", unitPrice: "24.50" },
      { name: "Milk frother", quantity: "1", unitPrice: "89.99" },
      { name: "Paper cups (box)", quantity: "3", unitPrice: "12.35" },
    ];
    const expected = expectedTotals(lines, "8.25", "9.95");
    const total = formatMoney(expected.total);

    await page.goto(`/m/${id}/invoices/new`);
    await fillInvoice(page, {
      lines,
      taxPercent: "8.25",
      shipping: "9.95",
      email: "grace@example.test",
      send: "email",
    });
    // Live totals from the one totals module, before saving.
    await expect(page.getByTestId("totals-total")).toHaveText(total);
    await expect(page.getByTestId("totals-tax")).toHaveText(formatMoney(expected.tax));
    await page.screenshot({ path: "test-results/invoice-editor.png", fullPage: true });
    await page.getByRole("button", { name: "Create and send" }).click();
    const invoiceId = await savedInvoiceId(page);
    await expect(page.getByTestId("amount-due")).toHaveText(total);

    const link = await copiedPayLink(page);
    paidLink = link;

    const customer = await visitor();
    await payByLink(customer.page, link, { family: "fluidpay", card: "4111111111111111" });
    await expectPaidInFull(customer, link, total, "test-results/pay-receipt.png");

    // The merchant sees it paid, with the transaction linked.
    const { transactionId } = await expectInvoicePaid(page, id, invoiceId, expected.total);
    // Paid through documented calls only (issue 22): the gateway's transaction carries the invoice number as its
    // order id and PO number (seed 003 Invoices tip), and no surcharge (gateway invoices charge the amount due).
    const [paidInvoice] = await query<{ number: string }>(
      "select number from invoices where merchant_id = $1 and provider_id = $2",
      [id, invoiceId],
    );
    const [charged] = await query<{ order_id: string; po_number: string; surcharge: string }>(
      "select order_id, po_number, surcharge_amount::text as surcharge from transactions where merchant_id = $1 and provider_id = $2",
      [id, transactionId],
    );
    expect(paidInvoice?.number).toMatch(/^INV\d+$/);
    expect(charged).toEqual({ order_id: paidInvoice?.number, po_number: paidInvoice?.number, surcharge: "0" });
    // The gateway's own record (the emulator's table) agrees.
    const [atGateway] = await query<{ order_id: string; surcharge: string }>(
      "select data->>'order_id' as order_id, data->>'surcharge' as surcharge from sandbox_gateway.transactions where id = $1",
      [transactionId],
    );
    expect(atGateway).toEqual({ order_id: paidInvoice?.number, surcharge: "0" });
    await page.screenshot({ path: "test-results/invoice-detail-paid.png", fullPage: true });
    await page.goto(`/m/${id}/invoices?tab=paid`);
    await expect(page.locator(`a[href="/m/${id}/invoices/${encodeURIComponent(invoiceId)}"]`)).toBeVisible();
    await page.screenshot({ path: "test-results/invoice-list.png", fullPage: true });
    // The list sorts by a column from its header (the order lives in the URL), and says which way it is sorted.
    const totalHeader = page.getByRole("columnheader", { name: /Total/ });
    await expect(totalHeader).toHaveAttribute("aria-sort", "none");
    await totalHeader.getByRole("link").click();
    await expect(page).toHaveURL(/sort=total/);
    await expect(page.getByRole("columnheader", { name: /Total/ })).toHaveAttribute("aria-sort", "descending");
    await page.getByRole("columnheader", { name: /Total/ }).getByRole("link").click();
    await expect(page).toHaveURL(/sort=total&dir=asc/);
    await expect(page.getByRole("columnheader", { name: /Total/ })).toHaveAttribute("aria-sort", "ascending");
    const totals = await page.locator("tbody tr td:nth-child(5)").allTextContents();
    const cents = totals.map((t) => Number(t.replace(/[^0-9]/g, "")));
    expect(cents).toEqual([...cents].sort((x, y) => x - y));

    // The payment's page names the invoice by its number and the payer by the bill-to name (Grace is not a vault
    // customer), says where it came from in words, and shows no internal ids or event names.
    const [inv] = await query<{ number: string }>(
      "select number from invoices where merchant_id = $1 and provider_id = $2",
      [id, invoiceId],
    );
    await page.goto(`/m/${id}/transactions/${transactionId}`);
    await expect(page.getByText("Grace Hopper", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: `Invoice #${inv!.number}` })).toBeVisible();
    await expect(page.getByText("Invoice payment", { exact: true })).toBeVisible();
    await expect(page.getByText(/invoice\.payment|customer:pay-page|inv_/)).toHaveCount(0);
  });

  test("a partial payment on an invoice that allows it leaves the right amount due", async ({ page, visitor }) => {
    const id = await merchantId("Acme Coffee");
    const lines = [{ name: "Catering deposit", quantity: "1", unitPrice: "250.00" }];
    const expected = expectedTotals(lines, "10", "0");
    await page.goto(`/m/${id}/invoices/new`);
    await fillInvoice(page, {
      lines,
      taxPercent: "10",
      shipping: "0",
      email: "lin@example.test",
      partial: true,
      send: "none",
    });
    const { invoiceId, link } = await saveAndSendWithoutDelivery(page);

    const customer = (await visitor()).page;
    await payByLink(customer, link, {
      family: "fluidpay",
      card: CREDIT_CARD,
      amount: "100.00",
      // A surchargeable credit card: the invoice payment charges the amount due, so no surcharge is described.
      beforePay: () => expect(customer.getByText(/surcharge/i)).toHaveCount(0),
    });
    await expect(customer.getByTestId("receipt-amount")).toHaveText("$100.00");
    const remaining = formatMoney(expected.total - 10_000);
    await expect(customer.getByTestId("receipt-remaining")).toHaveText(remaining);
    await customer.goto(link);
    await expect(customer.getByTestId("amount-due")).toHaveText(remaining);
    await customer.screenshot({ path: "test-results/pay-partial.png", fullPage: true });
    // Mobile first: the amount and the pay button fit a phone screen without sideways scrolling.
    await customer.setViewportSize({ width: 375, height: 740 });
    await expect(customer.frameLocator("[data-tokenizer] iframe").getByLabel("Card number")).toBeVisible();
    await expect.poll(() => customer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await customer.screenshot({ path: "test-results/pay-mobile.png", fullPage: true });

    await page.goto(`/m/${id}/invoices/${encodeURIComponent(invoiceId)}`);
    await expect(page.getByTestId("amount-due")).toHaveText(remaining);
    await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "partially_paid");
  });

  test("an unknown or expired link is a 404 'link not valid' page that reveals nothing else", async ({ visitor }) => {
    const { page } = await visitor();
    const res = await page.goto(`/pay/${"x".repeat(43)}`);
    expect(res?.status()).toBe(404);
    expect(res?.headers()["content-security-policy"]).toContain("default-src 'self'");
    // The text a person sees (innerText: not the framework's inline scripts).
    const body = page.locator("body");
    const seen = { useInnerText: true };
    await expect(body).toContainText("This link is not valid", seen);
    await expect(body).not.toContainText(/Acme|Blue Fern|Corner/, seen);
    await page.screenshot({ path: "test-results/pay-not-valid.png", fullPage: true });
    // An expired link of a real invoice looks exactly the same.
    expect(paidLink).toBeTruthy();
    await query("update invoice_links set expires_at = now() - interval '1 day'");
    const expired = await page.goto(paidLink as string);
    expect(expired?.status()).toBe(404);
    await expect(body).toContainText("This link is not valid", seen);
    await expect(body).not.toContainText(/Acme|Grace|\$/, seen);
  });
});
