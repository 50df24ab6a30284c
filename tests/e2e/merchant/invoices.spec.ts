import { formatMoney } from "@/lib/money";
import { expect, test } from "../fixtures";
import { merchantId, query } from "../helpers";
import { expectedTotals, fillInvoice, payByLink, savedInvoiceId } from "./invoices-flow";

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

    // The invoice page keeps the pay link for the merchant to copy (the email itself: tests/e2e/merchant/mail.spec.ts).
    const payLinkField = page.getByTestId("pay-link-field");
    await expect(payLinkField).toHaveValue(/\/pay\/[A-Za-z0-9_-]{43}$/);
    const link = await payLinkField.inputValue();
    paidLink = link;

    const customer = await visitor();
    await payByLink(customer.page, link, { family: "fluidpay", card: "4111111111111111" });
    await expect(customer.page.getByTestId("receipt-amount")).toHaveText(total);
    await expect(customer.page.getByTestId("receipt-remaining")).toHaveText("$0.00");
    await customer.page.screenshot({ path: "test-results/pay-receipt.png", fullPage: true });
    expect(await customer.context.cookies()).toEqual([]);
    // Opened again, the invoice says paid and offers no form.
    await customer.page.goto(link);
    await expect(customer.page.getByText("This invoice is paid.")).toBeVisible();
    await expect(customer.page.getByRole("button", { name: /^Pay \$/ })).toHaveCount(0);

    // The merchant sees it paid, with the transaction linked.
    await page.goto(`/m/${id}/invoices/${encodeURIComponent(invoiceId)}`);
    await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "paid");
    const tx = await query<{ id: string; amount: string }>(
      "select provider_id as id, amount::text from transactions where merchant_id = $1 and invoice_id = $2 and approved",
      [id, invoiceId],
    );
    expect(tx).toHaveLength(1);
    expect(Number(tx[0]?.amount)).toBe(expected.total);
    // Paid through documented calls only (issue 22): the gateway's transaction carries the invoice number as its
    // order id and PO number (seed 003 Invoices tip), and no surcharge (gateway invoices charge the amount due).
    const [inv] = await query<{ number: string }>(
      "select number from invoices where merchant_id = $1 and provider_id = $2",
      [id, invoiceId],
    );
    const [charged] = await query<{ order_id: string; po_number: string; surcharge: string }>(
      "select order_id, po_number, surcharge_amount::text as surcharge from transactions where merchant_id = $1 and provider_id = $2",
      [id, tx[0]?.id],
    );
    expect(inv?.number).toMatch(/^INV\d+$/);
    expect(charged).toEqual({ order_id: inv?.number, po_number: inv?.number, surcharge: "0" });
    // The gateway's own record (the emulator's table) agrees.
    const [atGateway] = await query<{ order_id: string; surcharge: string }>(
      "select data->>'order_id' as order_id, data->>'surcharge' as surcharge from sandbox_gateway.transactions where id = $1",
      [tx[0]?.id],
    );
    expect(atGateway).toEqual({ order_id: inv?.number, surcharge: "0" });
    await expect(page.getByTestId("invoice-payment").getByRole("link", { name: tx[0]?.id })).toHaveAttribute(
      "href",
      `/m/${id}/transactions/${tx[0]?.id}`,
    );
    await page.screenshot({ path: "test-results/invoice-detail-paid.png", fullPage: true });
    await page.goto(`/m/${id}/invoices?tab=paid`);
    await expect(page.locator(`a[href="/m/${id}/invoices/${encodeURIComponent(invoiceId)}"]`)).toBeVisible();
    await page.screenshot({ path: "test-results/invoice-list.png", fullPage: true });
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
    await page.getByRole("button", { name: "Save draft" }).click();
    const invoiceId = await savedInvoiceId(page);
    await page.getByLabel("Deliver by").selectOption("none");
    await page.getByRole("button", { name: "Send" }).click();
    const payLink = page.getByTestId("pay-link");
    await expect(payLink).toHaveAttribute("href", /\/pay\//);
    const link = (await payLink.getAttribute("href"))!;

    const customer = (await visitor()).page;
    await payByLink(customer, link, {
      family: "fluidpay",
      card: CREDIT_CARD,
      amount: "100.00",
      // A credit card gets the gateway's surcharge notice before paying; a debit card none.
      beforePay: () => expect(customer.getByText("Surcharge notice")).toBeVisible(),
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
