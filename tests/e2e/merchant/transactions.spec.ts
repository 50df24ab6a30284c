import { randomInt, randomUUID } from "node:crypto";
import { luhnCheckDigit } from "@/lib/luhn";
import { describeAs, expect, test } from "../fixtures";
import { baseUrl, merchantCredentials, merchantId, query } from "../helpers";

async function acmeApiKey(): Promise<string> {
  const creds = (await merchantCredentials("Acme Coffee")).gateway;
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

describeAs("acmeOwner", "transactions", () => {
  test("finds a $42.50 sale by last four, and after the batch closes refunds $10 of it: partially refunded", async ({
    page,
  }) => {
    const acme = await merchantId("Acme Coffee");
    const apiKey = await acmeApiKey();
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

    // Opening an id the cache has not seen fetches it from the gateway and caches it.
    await page.goto(`/m/${acme}/transactions/${sale.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("$42.50");
    const cached = await query<{ status: string; last_four: string }>(
      "select status, last_four from transactions where merchant_id = $1 and provider_id = $2",
      [acme, sale.id],
    );
    expect(cached[0]).toMatchObject({ status: "pending_settlement", last_four: lastFour });

    // Search by last four from the list; the filter lands in the URL.
    await page.goto(`/m/${acme}/transactions`);
    await page.getByLabel("Card last four").fill(lastFour);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL((u) => u.searchParams.get("lastFour") === lastFour);
    const rows = page.locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(sale.id);
    await expect(rows.first()).toContainText(`•••• ${lastFour}`);
    await page.screenshot({ path: "test-results/transactions-search.png", fullPage: true });
    // Before settlement the detail page offers a void, not a refund.
    await rows.first().getByRole("link").first().click();
    await expect(page).toHaveURL((u) => u.pathname.endsWith(`/transactions/${sale.id}`));
    await expect(page.getByRole("button", { name: "Void", exact: true })).toHaveCount(1);
    await expect(page.getByRole("button", { name: "Refund", exact: true })).toHaveCount(0);

    // The batch closes (sandbox control call); the detail page re-reads the changeable transaction.
    await sandbox(apiKey, "/_control/settle", {});
    await page.reload();
    await expect(page.locator('[data-status="settled"]').first()).toBeVisible({ timeout: 15_000 });

    await page.getByRole("button", { name: "Refund", exact: true }).click();
    // Over what can be refunded, the confirm button stays off and the reason is said once.
    await page.getByLabel("Refund amount").fill("99999.00");
    await expect(page.getByRole("button", { name: /^Confirm refund/ })).toBeDisabled();
    await expect(page.getByText(/At most \$[\d,.]+ can be refunded\./)).toHaveCount(1);
    await page.getByLabel("Refund amount").fill("10.00");
    await page.getByRole("button", { name: "Confirm refund of $10.00" }).click();
    await expect(page.locator('header [data-status="partially_refunded"]')).toBeVisible();
    await expect(page.getByRole("status").first()).toContainText("Refunded $10.00");
    await expect(page.getByText("Partially refunded").first()).toBeVisible();
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
    const csv = await page.request.get(`/api/m/${acme}/transactions.csv?lastFour=${lastFour}`);
    expect(csv.status()).toBe(200);
    const body = await csv.text();
    expect(body).toContain(sale.id);
    expect(body).not.toContain(card);
  });
});
