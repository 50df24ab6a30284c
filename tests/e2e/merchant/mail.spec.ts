import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "@/lib/money";
import { type CaughtMail, linkIn, type SmtpListener } from "@/tests/helpers/smtp";
import { eventually, launchBrowser, listenForMail, loginAs, merchantId } from "../helpers";
import { expectedTotals, fillInvoice, savedInvoiceId } from "./invoices-flow";

/**
 * Email as it really leaves the portal (issue 15): this spec runs the SMTP server the e2e app sends to
 * (SMTP_URL → E2E_SMTP_PORT) and asserts on what arrived over SMTP, never on a table. It also stops that server to
 * show that sending an invoice does not depend on it, and that the queued message is delivered once it is back.
 */

let browser: Browser;
let mail: SmtpListener;
beforeAll(async () => {
  browser = await launchBrowser();
  mail = await listenForMail();
});
afterAll(async () => {
  await browser?.close();
  await mail?.stop();
});

const lines = [{ name: "Espresso beans 1kg", quantity: "2", unitPrice: "18.00" }];

async function createAndSend(page: Page, mid: string, email: string): Promise<string> {
  await page.goto(`/m/${mid}/invoices/new`);
  await fillInvoice(page, { lines, taxPercent: "0", shipping: "0", email, send: "email" });
  await page.getByRole("button", { name: "Create and send" }).click();
  return savedInvoiceId(page);
}

const to = (email: string) => (m: CaughtMail) => m.to.includes(email);

describe("invoice email over SMTP", () => {
  it("a merchant sends an invoice; it arrives over SMTP with the pay link; the customer pays; a receipt arrives", async () => {
    const mid = await merchantId("Acme Coffee");
    const email = `mail-${Date.now()}@example.test`;
    const total = formatMoney(expectedTotals(lines, "0", "0").total);
    const { context, page } = await loginAs(browser, "owner@acme.test");
    await createAndSend(page, mid, email);

    const invoiceMail = await mail.waitFor(to(email), 30_000);
    expect(invoiceMail.subject).toContain("from Acme Coffee");
    expect(invoiceMail.subject).toContain(total);
    expect(invoiceMail.headers.get("from")).toMatchObject({ text: expect.stringContaining("Acme Coffee via") });
    const payLink = linkIn(invoiceMail, "/pay/");
    expect(payLink).toMatch(/\/pay\/[A-Za-z0-9_-]{43}$/);
    expect(invoiceMail.html).toContain(payLink);
    // The merchant's copy of the link on the invoice page is the same link.
    await expect(page.getByTestId("pay-link-field").inputValue()).resolves.toBe(payLink);

    // The customer opens the link from the email and pays.
    const customer = await browser.newContext();
    const cp = await customer.newPage();
    await cp.goto(payLink!);
    const frame = cp.frameLocator("[data-tokenizer] iframe");
    await frame.getByLabel("Card number").fill("4111111111111111");
    await frame.getByLabel("Expiration (MM/YY)").fill("12/30");
    await frame.getByLabel("CVC").fill("123");
    await cp.getByRole("button", { name: /^Pay \$/ }).click();
    await cp.waitForURL(/\/receipt\//, { timeout: 30_000 });
    await customer.close();

    // The receipt arrives over SMTP too, once.
    const receipt = await mail.waitFor((m) => to(email)(m) && m.subject.startsWith("Receipt"), 30_000);
    expect(receipt.subject).toContain(total);
    expect(receipt.text).toMatch(/Visa •••• 1111/);
    expect(receipt.text).not.toMatch(/4111111111111111/);
    expect(linkIn(receipt, "/receipt/")).toContain(new URL(payLink!).pathname);

    // The admin's "Sent messages" lists both, delivered, without their bodies.
    await page.goto(`/m/${mid}/settings/messages?to=${encodeURIComponent(email)}`);
    const rows = page.getByTestId("sent-message");
    await eventually(async () => {
      await page.reload();
      return (
        (await rows.count()) === 2 &&
        (await page.getByTestId("delivery-status").allTextContents()).every((s) => s === "Sent")
      );
    });
    expect(await page.content()).not.toContain(new URL(payLink!).pathname);
    await page.screenshot({ path: "test-results/mail-sent-messages.png", fullPage: true });
    expect(mail.messages.filter(to(email))).toHaveLength(2);
    await context.close();
  });

  it("with the mail server down, sending succeeds and the log shows the failure; once it is back, the job delivers it exactly once", async () => {
    const mid = await merchantId("Acme Coffee");
    const email = `down-${Date.now()}@example.test`;
    const { context, page } = await loginAs(browser, "owner@acme.test");
    await mail.stop();
    try {
      const invoiceId = await createAndSend(page, mid, email);
      await page.getByText("Invoice saved and sent").waitFor();
      expect(invoiceId).toBeTruthy();

      // The delivery log shows the failed attempt with the reason.
      await page.goto(`/m/${mid}/settings/messages?to=${encodeURIComponent(email)}`);
      const row = page.getByTestId("sent-message").first();
      await eventually(async () => {
        await page.reload();
        return (await row.getByTestId("delivery-status").textContent()) === "Retrying";
      }, 30_000);
      await row.getByText(/attempt/).click();
      await expect(row.getByTestId("delivery-log").textContent()).resolves.toMatch(/not delivered: .*ECONNREFUSED/);
      await page.screenshot({ path: "test-results/mail-retrying.png", fullPage: true });
    } finally {
      mail = await listenForMail();
    }

    // Back up: the queued job delivers it, once.
    const arrived = await mail.waitFor(to(email), 90_000);
    expect(arrived.subject).toContain("from Acme Coffee");
    await eventually(async () => {
      await page.reload();
      return (await page.getByTestId("sent-message").first().getByTestId("delivery-status").textContent()) === "Sent";
    }, 30_000);
    await new Promise((r) => setTimeout(r, 5000));
    expect(mail.messages.filter(to(email))).toHaveLength(1);
    await page.screenshot({ path: "test-results/mail-delivered-after-outage.png", fullPage: true });
    await context.close();
  });
});
