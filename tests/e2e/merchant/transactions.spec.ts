import { randomInt, randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { luhnCheckDigit } from "@/lib/luhn";
import { unsealCredentials } from "@/lib/connections/credentials";
import { baseUrl, launchBrowser, loginAs, merchantId, query } from "../helpers";

// The e2e setup seals credentials with this key; the test reads the merchant's sandbox key the same way.
process.env.CREDENTIALS_KEY = Buffer.alloc(32, 9).toString("base64");
resetEnvCache();

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function acmeApiKey(id: string): Promise<string> {
  const [row] = await query<{ credentials_enc: string }>("select credentials_enc from merchants where id = $1", [id]);
  if (!row) throw new Error("Acme has no credentials");
  const creds = unsealCredentials(row.credentials_enc).gateway;
  if (creds.family !== "fluidpay") throw new Error("Acme should be on the gateway sandbox");
  return creds.apiKey;
}

/** A Visa test number with a random last four (unlisted cards approve), so the search finds this sale only. */
function uniqueCard(): string {
  const body = `4${Array.from({ length: 14 }, () => randomInt(10)).join("")}`;
  return `${body}${luhnCheckDigit(body)}`;
}

async function sandbox(apiKey: string, path: string, body: unknown) {
  const res = await fetch(`${baseUrl()}/sandbox/gateway${path}`, {
    method: "POST",
    headers: { authorization: apiKey, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { data: unknown };
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

describe("transactions", () => {
  it("finds a $42.50 sale by last four, and after the batch closes refunds $10 of it: partially refunded", async () => {
    const acme = await merchantId("Acme Coffee");
    const apiKey = await acmeApiKey(acme);
    const card = uniqueCard();
    const lastFour = card.slice(-4);
    // Test setup through the gateway API (server to server); the portal learns of it like any outside sale.
    const sale = (await sandbox(apiKey, "/api/transaction", {
      type: "sale",
      amount: 4250,
      order_id: `E2E${randomInt(1_000_000)}`,
      idempotency_key: randomUUID(),
      payment_method: { card: { number: card, expiration_date: "12/30", cvc: "123" } },
      billing_address: { first_name: "Ada", last_name: "Lovelace", postal_code: "94107" },
    })) as { id: string; status: string };
    expect(sale.status).toBe("pending_settlement");

    const { context, page } = await loginAs(browser, "owner@acme.test");
    // Opening an id the cache has not seen fetches it from the gateway and caches it.
    await page.goto(`/m/${acme}/transactions/${sale.id}`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("$42.50");
    const cached = await query<{ status: string; last_four: string }>(
      "select status, last_four from transactions where merchant_id = $1 and provider_id = $2",
      [acme, sale.id],
    );
    expect(cached[0]).toMatchObject({ status: "pending_settlement", last_four: lastFour });

    // Search by last four from the list; the filter lands in the URL.
    await page.goto(`/m/${acme}/transactions`);
    await page.getByLabel("Card last four").fill(lastFour);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get("lastFour") === lastFour),
      page.getByRole("button", { name: "Search" }).click(),
    ]);
    const rows = page.locator("tbody tr");
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain(sale.id);
    await expect(rows.first().textContent()).resolves.toContain(`•••• ${lastFour}`);
    await page.screenshot({ path: "test-results/transactions-search.png", fullPage: true });
    // Before settlement the detail page offers a void, not a refund.
    await rows.first().getByRole("link").first().click();
    await page.waitForURL((u) => u.pathname.endsWith(`/transactions/${sale.id}`));
    await expect(page.getByRole("button", { name: "Void", exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole("button", { name: "Refund", exact: true }).count()).resolves.toBe(0);

    // The batch closes (sandbox control call); the detail page re-reads the changeable transaction.
    await sandbox(apiKey, "/_control/settle", {});
    await page.reload();
    await page.locator('[data-status="settled"]').first().waitFor({ timeout: 15_000 });

    await page.getByRole("button", { name: "Refund", exact: true }).click();
    await page.getByLabel("Refund amount").fill("10.00");
    await page.getByRole("button", { name: "Confirm refund of $10.00" }).click();
    await page.locator('header [data-status="partially_refunded"]').waitFor({ timeout: 20_000 });
    await expect(page.getByRole("status").first().textContent()).resolves.toContain("Refunded $10.00");
    await expect(page.getByText("Partially refunded").first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: "test-results/transaction-detail.png", fullPage: true });

    const after = await query<{ status: string; refunded_amount: number }>(
      "select status, refunded_amount::int as refunded_amount from transactions where merchant_id = $1 and provider_id = $2",
      [acme, sale.id],
    );
    expect(after[0]).toMatchObject({ status: "partially_refunded", refunded_amount: 1000 });
    const audit = await query<{ action: string }>(
      "select action from audit_log where merchant_id = $1 and target_id = $2",
      [acme, sale.id],
    );
    expect(audit.map((a) => a.action)).toEqual(["transaction.refund"]);

    // The CSV export of the same search holds the sale, masked.
    const csv = await context.request.get(`${baseUrl()}/api/m/${acme}/transactions.csv?lastFour=${lastFour}`);
    expect(csv.status()).toBe(200);
    const body = await csv.text();
    expect(body).toContain(sale.id);
    expect(body).not.toContain(card);
    await context.close();
  });
});
