import { formatMoney } from "@/lib/money";
import { computeSurchargedPayment } from "@/lib/totals";
import { describeAs, expect, test } from "../fixtures";
import { merchantId, query } from "../helpers";
import {
  copiedPayLink,
  expectedTotals,
  expectInvoicePaid,
  expectPaidInFull,
  fillInvoice,
  type Line,
  payByLink,
  saveAndSendWithoutDelivery,
  savedInvoiceId,
} from "./invoices-flow";

/**
 * The invoice flow on Corner Hardware (CardPointe): the portal keeps the invoice (no invoice API at CardPointe)
 * and the customer pays through the CardSecure iFrame; same screens as Acme Coffee's (invoices.spec.ts).
 */

describeAs("cornerOwner", "invoices on Corner Hardware (CardPointe)", () => {
  test("owner creates a 3-line invoice with tax and shipping, sends it; the customer pays by link through the CardSecure iFrame; the merchant sees it paid", async ({
    page,
    visitor,
  }) => {
    const id = await merchantId("Corner Hardware");
    const lines: Line[] = [
      { name: "Claw hammer", quantity: "1", unitPrice: "24.99" },
      { name: "Wood screws (100)", quantity: "4", unitPrice: "6.49" },
      { name: "Tape measure 25ft", quantity: "2", unitPrice: "14.25" },
    ];
    const expected = expectedTotals(lines, "7.5", "12.00");
    const total = formatMoney(expected.total);

    await page.goto(`/m/${id}/invoices`);
    await page.getByRole("link", { name: "New invoice" }).click();
    await expect(page).toHaveURL(/\/invoices\/new$/);
    await fillInvoice(page, { lines, taxPercent: "7.5", shipping: "12.00", email: "bob@example.test", send: "email" });
    // CardSecure's iFrame takes cards only: the editor says ACH isn't available on the pay page.
    await expect(page.getByText("Bank account (ACH) payments aren't available on the pay page")).toBeVisible();
    await expect(page.getByTestId("totals-total")).toHaveText(total);
    await page.getByRole("button", { name: "Create and send" }).click();
    const invoiceId = await savedInvoiceId(page);
    await expect(page.getByTestId("amount-due")).toHaveText(total);
    const [inv] = await query<{ source: string; number: string; total: string }>(
      "select source, number, total::text from invoices where merchant_id = $1 and provider_id = $2",
      [id, invoiceId],
    );
    expect(inv).toMatchObject({ source: "local", total: String(expected.total) });
    expect(inv?.number).toMatch(/^INV\d+$/);
    await page.screenshot({ path: "test-results/invoice-cardpointe-detail.png", fullPage: true });

    const link = await copiedPayLink(page);

    const customer = await visitor();
    await payByLink(customer.page, link, {
      family: "cardpointe",
      card: "4111111111111111",
      pay: `Pay ${total}`,
      beforePay: () => customer.page.screenshot({ path: "test-results/pay-cardpointe.png", fullPage: true }).then(),
    });
    await expectPaidInFull(customer, link, total, "test-results/pay-cardpointe-receipt.png");

    // The merchant sees it paid, with the CardPointe transaction linked.
    const { txLink, transactionId } = await expectInvoicePaid(page, id, invoiceId, expected.total);
    await page.screenshot({ path: "test-results/invoice-cardpointe-paid.png", fullPage: true });
    await txLink.click();
    await expect(page).toHaveURL(new RegExp(`/transactions/${transactionId}$`));
    await page.goto(`/m/${id}/invoices?tab=paid`);
    await expect(page.locator(`a[href="/m/${id}/invoices/${encodeURIComponent(invoiceId)}"]`)).toBeVisible();
  });

  test("with a 3% card surcharge set in invoice settings, the pay page shows it before paying and the receipt records it", async ({
    page,
    visitor,
  }) => {
    const id = await merchantId("Corner Hardware");
    await page.goto(`/m/${id}/invoices/settings`);
    await page.getByLabel("Card surcharge on invoice payments (%)").fill("3");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
    await page.screenshot({ path: "test-results/invoice-settings.png", fullPage: true });
    try {
      const lines: Line[] = [{ name: "Lawn mower service", quantity: "1", unitPrice: "80.00" }];
      const expected = expectedTotals(lines, "0", "0");
      await page.goto(`/m/${id}/invoices/new`);
      await fillInvoice(page, { lines, taxPercent: "0", shipping: "0", email: "sam@example.test", send: "none" });
      const { invoiceId, link } = await saveAndSendWithoutDelivery(page);

      const p = computeSurchargedPayment(expected.total, "card", 3000);
      const customer = (await visitor()).page;
      // The pay button names the surcharged total before the customer pays.
      await payByLink(customer, link, {
        family: "cardpointe",
        card: "4111111111111111",
        pay: `Pay ${formatMoney(p.total)}`,
      });
      await expect(customer.getByTestId("receipt-amount")).toHaveText(formatMoney(p.total));
      await expect(customer.getByTestId("receipt-surcharge")).toContainText(
        `${formatMoney(p.surcharge)} card surcharge (3%)`,
      );
      await expect(customer.getByTestId("receipt-remaining")).toHaveText("$0.00");
      await customer.screenshot({ path: "test-results/pay-cardpointe-surcharge-receipt.png", fullPage: true });
      const [inv] = await query<{ amount_paid: string; status: string }>(
        "select amount_paid::text, status from invoices where merchant_id = $1 and provider_id = $2",
        [id, invoiceId],
      );
      expect(inv).toEqual({ amount_paid: String(expected.total), status: "paid" });
    } finally {
      await query("update invoice_settings set card_surcharge_rate = 0 where merchant_id = $1", [id]);
    }
  });
});
