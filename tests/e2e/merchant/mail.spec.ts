import type { Page } from "@playwright/test";
import { formatMoney } from "@/lib/money";
import { type CaughtMail, linkIn } from "@/tests/helpers/smtp";
import { describeAs, expect, test } from "../fixtures";
import { listenForMail, merchantId, query, receivedMail } from "../helpers";
import { expectedTotals, fillInvoice, payByLink, savedInvoiceId } from "./invoices-flow";

/**
 * Email as it really leaves the portal (issue 15): the `mail` fixture is the SMTP server the e2e app sends to
 * (SMTP_URL → E2E_SMTP_PORT), and the tests assert on what arrived over SMTP, never on a table. The second test stops
 * that server to show that sending an invoice does not depend on it, and that the queued message is delivered once it
 * is back.
 */

const lines = [{ name: "Espresso beans 1kg", quantity: "2", unitPrice: "18.00" }];

async function createAndSend(page: Page, mid: string, email: string): Promise<string> {
  await page.goto(`/m/${mid}/invoices/new`);
  await fillInvoice(page, { lines, taxPercent: "0", shipping: "0", email, send: "email" });
  await page.getByRole("button", { name: "Create and send" }).click();
  return savedInvoiceId(page);
}

const to = (email: string) => (m: CaughtMail) => m.to.includes(email);
const sentMessages = (mid: string, email: string) => `/m/${mid}/settings/messages?to=${encodeURIComponent(email)}`;

describeAs("acmeOwner", "invoice email over SMTP", () => {
  test("a merchant sends an invoice; it arrives over SMTP with the pay link; the customer pays; a receipt arrives", async ({
    page,
    visitor,
    mail,
  }) => {
    const mid = await merchantId("Acme Coffee");
    const email = `mail-${Date.now()}@example.test`;
    const total = formatMoney(expectedTotals(lines, "0", "0").total);
    await createAndSend(page, mid, email);

    const invoiceMail = await receivedMail(mail, to(email));
    expect(invoiceMail.subject).toContain("from Acme Coffee");
    expect(invoiceMail.subject).toContain(total);
    expect(invoiceMail.headers.get("from")).toMatchObject({ text: expect.stringContaining("Acme Coffee via") });
    const payLink = linkIn(invoiceMail, "/pay/");
    expect(payLink).toMatch(/\/pay\/[A-Za-z0-9_-]{43}$/);
    expect(invoiceMail.html).toContain(payLink);
    // The merchant's copy of the link on the invoice page is the same link.
    await expect(page.getByTestId("pay-link-field")).toHaveValue(payLink!);

    // The customer opens the link from the email and pays.
    const customer = await visitor();
    await payByLink(customer.page, payLink!, { family: "fluidpay", card: "4111111111111111" });

    // The receipt arrives over SMTP too, once.
    const receipt = await receivedMail(mail, (m) => to(email)(m) && m.subject.startsWith("Receipt"));
    expect(receipt.subject).toContain(total);
    expect(receipt.text).toMatch(/Visa •••• 1111/);
    expect(receipt.text).not.toMatch(/4111111111111111/);
    expect(linkIn(receipt, "/receipt/")).toContain(new URL(payLink!).pathname);

    // The admin's "Sent messages" lists both, delivered, without their bodies.
    await page.goto(sentMessages(mid, email));
    const rows = page.getByTestId("sent-message");
    await expect(async () => {
      await page.reload();
      await expect(rows).toHaveCount(2, { timeout: 1_000 });
      await expect(rows.getByTestId("delivery-status")).toHaveText(["Sent", "Sent"], { timeout: 1_000 });
    }).toPass();
    expect(await page.content()).not.toContain(new URL(payLink!).pathname);
    await page.screenshot({ path: "test-results/mail-sent-messages.png", fullPage: true });
    expect(mail.messages.filter(to(email))).toHaveLength(2);
  });

  test("with the mail server down, sending succeeds and the log shows the failure; once it is back, the job delivers it exactly once", async ({
    page,
    mail,
  }) => {
    const mid = await merchantId("Acme Coffee");
    const email = `down-${Date.now()}@example.test`;
    await mail.stop();
    await createAndSend(page, mid, email);
    await expect(page.getByText("Invoice saved and sent")).toBeVisible();

    // The delivery log shows the failed attempt with the reason.
    await page.goto(sentMessages(mid, email));
    const row = page.getByTestId("sent-message").first();
    await expect(async () => {
      await page.reload();
      await expect(row.getByTestId("delivery-status")).toHaveText("Retrying", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await row.getByText(/attempt/).click();
    await expect(row.getByTestId("delivery-log")).toContainText(/not delivered: .*ECONNREFUSED/);
    await page.screenshot({ path: "test-results/mail-retrying.png", fullPage: true });

    // Back up: the queued job delivers it, once.
    const back = await listenForMail();
    try {
      const arrived = await receivedMail(back, to(email), 90_000);
      expect(arrived.subject).toContain("from Acme Coffee");
      await expect(async () => {
        await page.reload();
        await expect(row.getByTestId("delivery-status")).toHaveText("Sent", { timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
      // Its job (id = message id) is completed with one accepted attempt: nothing is left to send it again.
      const [message] = await query<{ id: string }>(`select id from mail_messages where "to" = $1`, [email]);
      await expect
        .poll(async () => {
          const [job] = await query<{ state: string }>(
            "select state from pgboss.job where id = $1 union all select state from pgboss.archive where id = $1",
            [message!.id],
          );
          return job?.state;
        })
        .toBe("completed");
      const outcomes = await query<{ outcome: string }>(
        "select outcome from mail_attempts where message_id = $1 order by attempt",
        [message!.id],
      );
      expect(outcomes.filter((a) => a.outcome === "sent")).toHaveLength(1);
      expect(outcomes[0]!.outcome).toBe("failed");
      expect(back.messages.filter(to(email))).toHaveLength(1);
      await page.screenshot({ path: "test-results/mail-delivered-after-outage.png", fullPage: true });
    } finally {
      await back.stop();
    }
  });
});
