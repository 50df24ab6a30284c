import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { scanArtifacts } from "@/tests/scan/dump";
import { expect, test } from "../fixtures";
import { addCard, addCustomer, merchantId, query } from "../helpers";

/**
 * The customer vault and virtual terminal end to end as owner@acme.test: add a customer, add a card through
 * the tokenizer iframe, charge them $42.50 from the virtual terminal; a decline card shows the reason. Every
 * request the page sends, the server log and the stored rows are scanned for full card numbers (the last test reads
 * what the others sent, so the file runs in order and stops at a failure).
 */

const PANS = ["4111111111111111", "4000000000000002"];
const sentBodies: { url: string; body: string }[] = [];

test.describe.configure({ mode: "serial" });
test.use({ persona: "acmeOwner" });

let acme: string;
test.beforeAll(async () => {
  acme = await merchantId("Acme Coffee");
});
test.beforeEach(({ context }) => {
  context.on("request", (req) => {
    const body = req.postData();
    if (body) sentBodies.push({ url: req.url(), body });
  });
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/h7-${name}.png`, fullPage: true });
}

async function chargeFromCustomer(page: Page, amount: string) {
  await page.getByRole("link", { name: "Charge this customer" }).click();
  await expect(page).toHaveURL((u) => u.pathname.endsWith("/terminal") && u.searchParams.has("intent"));
  await expect(page.getByRole("tab", { name: "Saved customer", selected: true })).toBeVisible();
  await page.getByRole("textbox", { name: "Amount", exact: true }).fill(amount);
  await page.getByRole("button", { name: `Charge $${amount}` }).click();
}

test.describe("customer vault and virtual terminal", () => {
  test("adds a customer, stores a card through the tokenizer iframe and charges them $42.50", async ({ page }) => {
    const email = `grace-${Date.now()}@example.test`;
    const customerId = await addCustomer(page, acme, "Grace", "Hopper", email);
    await addCard(page, "4111111111111111");
    const methods = page.getByRole("region", { name: "Payment methods" });
    await expect(methods.getByText("Visa •••• 1111")).toBeVisible();
    await expect(methods.getByText("Default")).toHaveCount(1);
    await shot(page, "customer-detail");

    // The list finds the customer by the card's last four, from the cache.
    await page.goto(`/m/${acme}/customers?q=1111`);
    await expect(page.getByRole("link", { name: "Grace Hopper" }).first()).toBeVisible();
    await shot(page, "customer-list");

    await page.goto(`/m/${acme}/customers/${encodeURIComponent(customerId)}`);
    await chargeFromCustomer(page, "42.50");
    const result = page.getByRole("status").filter({ hasText: "Payment approved" });
    await expect(result).toBeVisible({ timeout: 30_000 });
    await expect(result).toContainText("$42.50");
    await expect(result).toContainText(/Authorization code\s*\S+/);
    await shot(page, "vt-approved");

    const rows = await query<{ amount: number; status: string; last_four: string }>(
      "select amount::int as amount, status, last_four from transactions where merchant_id = $1 and customer_id = $2",
      [acme, customerId],
    );
    expect(rows).toEqual([{ amount: 4250, status: "pending_settlement", last_four: "1111" }]);

    // The customer page lists the charge from the cache, and the link opens the transaction page.
    await page.goto(`/m/${acme}/customers/${encodeURIComponent(customerId)}`);
    await expect(page.getByRole("region", { name: "Transactions" }).getByText("$42.50")).toHaveCount(1);
  });

  test("the same flow with a decline card shows the decline reason", async ({ page }) => {
    await addCustomer(page, acme, "Alan", "Turing", `alan-${Date.now()}@example.test`);
    await addCard(page, "4000000000000002");
    await chargeFromCustomer(page, "42.50");
    const alert = page.getByRole("alert").filter({ hasText: "Declined" });
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await expect(alert).toContainText(/declined: do not honor/i);
    await expect(alert).toContainText("Reason");
    await shot(page, "vt-declined");
  });

  test("the virtual terminal takes a card in the iframe and a double click charges once", async ({ page }) => {
    await page.goto(`/m/${acme}/terminal`);
    await expect(page).toHaveURL((u) => u.searchParams.has("intent"));
    const intent = new URL(page.url()).searchParams.get("intent");
    const frame = page.frameLocator('iframe[title="Payment details"]');
    await frame.getByLabel("Card number").fill("4111111111111111");
    await frame.getByLabel("Expiration (MM/YY)").fill("12/30");
    await frame.getByLabel("CVC").fill("123");
    await page.getByRole("textbox", { name: "Amount", exact: true }).fill("17.25");
    const orderId = `DBL${Date.now().toString().slice(-8)}`;
    await page.getByLabel("Order id").fill(orderId);
    await shot(page, "vt-form");
    await page.getByRole("button", { name: "Charge $17.25" }).dblclick();
    await expect(page.getByRole("status").filter({ hasText: "Payment approved" })).toBeVisible({ timeout: 30_000 });
    const rows = await query<{ n: number }>(
      "select count(*)::int as n from transactions where merchant_id = $1 and order_id = $2",
      [acme, orderId],
    );
    expect(rows[0]?.n).toBe(1);
    // "New charge" starts a new intent.
    await page.getByRole("button", { name: "New charge" }).click();
    await expect(page).toHaveURL((u) => u.searchParams.has("intent") && u.searchParams.get("intent") !== intent);
  });

  test("manages addresses and removes a card and the customer behind confirmations", async ({ page }) => {
    const customerId = await addCustomer(page, acme, "Mary", "Jackson", `mary-${Date.now()}@example.test`);
    await addCard(page, "4111111111111111");
    const addresses = page.getByRole("region", { name: "Addresses" });
    await addresses.getByRole("button", { name: "Add address" }).click();
    await addresses.getByLabel("Address", { exact: true }).fill("1 Wind Tunnel Rd");
    await addresses.getByLabel("City").fill("Hampton");
    await addresses.getByLabel("State").fill("VA");
    await addresses.getByLabel("ZIP / postal code").fill("23666");
    await addresses.getByRole("button", { name: "Add address", exact: true }).last().click();
    await expect(page.getByText("Address added.")).toBeVisible();
    await expect(addresses.getByText("1 Wind Tunnel Rd")).toBeVisible();
    await addresses.getByRole("button", { name: "Make default shipping" }).click();
    await expect(page.getByText("Default shipping address updated.")).toBeVisible();
    await shot(page, "customer-addresses");
    const cached = await query<{ line1: string; is_default_shipping: boolean }>(
      "select line1, is_default_shipping from customer_addresses where merchant_id = $1 and customer_id = $2 order by position",
      [acme, customerId],
    );
    expect(cached.find((a) => a.line1 === "1 Wind Tunnel Rd")?.is_default_shipping).toBe(true);

    await page.getByRole("button", { name: "Remove Visa •••• 1111" }).click();
    const dialog = page.getByRole("dialog", { name: "Remove this payment method?" });
    await dialog.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText("Payment method removed.")).toBeVisible();
    await expect(page.getByText("No payment methods yet.")).toBeVisible();

    await page.getByRole("button", { name: "Delete", exact: true }).first().click();
    await page
      .getByRole("dialog", { name: "Delete Mary Jackson?" })
      .getByRole("button", { name: "Delete customer" })
      .click();
    await expect(page).toHaveURL((u) => u.pathname.endsWith("/customers") && u.searchParams.has("deleted"));
    await expect(page.getByText("The customer was deleted.")).toBeVisible();
    expect((await page.goto(`/m/${acme}/customers/${encodeURIComponent(customerId)}`))?.status()).toBe(404);
  });

  test("no request the pages sent, no server log line and no stored row holds a full card number", async () => {
    // The tokenizer iframe posts the card to the gateway's own tokenizer endpoint; nothing else may carry it.
    const toPortal = sentBodies.filter((r) => !r.url.includes("/sandbox/gateway/tokenizer/"));
    expect(toPortal.length).toBeGreaterThan(3);
    const serverLog = readFileSync(scanArtifacts().serverLog, "utf8");
    const tables = await query<{ t: string }>(
      "select quote_ident(tablename) as t from pg_tables where schemaname = 'public'",
    );
    let rows = "";
    for (const { t } of tables) rows += JSON.stringify(await query(`select * from ${t}`));
    for (const pan of PANS) {
      for (const r of toPortal) expect(r.body, r.url).not.toContain(pan);
      expect(serverLog).not.toContain(pan);
      expect(rows).not.toContain(pan);
    }
  });
});
