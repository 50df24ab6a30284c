import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, loginAs, merchantId, query } from "../helpers";

/**
 * The customer vault and virtual terminal end to end as owner@acme.test: add a customer, add a card through
 * the tokenizer iframe, charge them $42.50 from the virtual terminal; a decline card shows the reason. Every
 * request the page sends, the server log and the stored rows are scanned for full card numbers.
 */

const PANS = ["4111111111111111", "4000000000000002"];
let browser: Browser;
let acme: string;
const sentBodies: { url: string; body: string }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  acme = await merchantId("Acme Coffee");
});
afterAll(async () => {
  await browser?.close();
});

async function session(): Promise<{ context: BrowserContext; page: Page }> {
  const s = await loginAs(browser, "owner@acme.test");
  s.context.on("request", (req) => {
    const body = req.postData();
    if (body) sentBodies.push({ url: req.url(), body });
  });
  return s;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/h7-${name}.png`, fullPage: true });
}

async function addCustomer(page: Page, first: string, last: string, email: string): Promise<string> {
  await page.goto(`/m/${acme}/customers`);
  await page.getByRole("link", { name: "New customer" }).click();
  await page.waitForURL(`**/customers/new`);
  await page.getByLabel("First name").fill(first);
  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("ZIP / postal code").fill("94107");
  await page.getByRole("button", { name: "Create customer" }).click();
  await page.waitForURL((u) => /\/customers\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith("/new"));
  await page.getByRole("heading", { name: `${first} ${last}` }).waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop() as string);
}

async function addCard(page: Page, number: string) {
  await page.getByRole("button", { name: "Add payment method" }).click();
  const frame = page.frameLocator('iframe[title="Payment details"]');
  await frame.getByLabel("Card number").fill(number);
  await frame.getByLabel("Expiration (MM/YY)").fill("12/30");
  await frame.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: "Save payment method" }).click();
  await page.getByText("Payment method saved.").waitFor();
}

async function chargeFromCustomer(page: Page, amount: string) {
  await page.getByRole("link", { name: "Charge this customer" }).click();
  await page.waitForURL((u) => u.pathname.endsWith("/terminal") && u.searchParams.has("intent"));
  await page.getByRole("tab", { name: "Saved customer", selected: true }).waitFor();
  await page.getByRole("textbox", { name: "Amount", exact: true }).fill(amount);
  await page.getByRole("button", { name: `Charge $${amount}` }).click();
}

describe("customer vault and virtual terminal", () => {
  it("adds a customer, stores a card through the tokenizer iframe and charges them $42.50", async () => {
    const { context, page } = await session();
    const email = `grace-${Date.now()}@example.test`;
    const customerId = await addCustomer(page, "Grace", "Hopper", email);
    await addCard(page, "4111111111111111");
    const methods = page.getByRole("region", { name: "Payment methods" });
    await methods.getByText("Visa •••• 1111").waitFor();
    await expect(methods.getByText("Default").count()).resolves.toBe(1);
    await shot(page, "customer-detail");

    // The list finds the customer by the card's last four, from the cache.
    await page.goto(`/m/${acme}/customers?q=1111`);
    await expect(page.getByRole("link", { name: "Grace Hopper" }).count()).resolves.toBeGreaterThan(0);
    await shot(page, "customer-list");

    await page.goto(`/m/${acme}/customers/${encodeURIComponent(customerId)}`);
    await chargeFromCustomer(page, "42.50");
    const result = page.getByRole("status").filter({ hasText: "Payment approved" });
    await result.waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toContain("$42.50");
    expect(await result.textContent()).toMatch(/Authorization code\s*\S+/);
    await shot(page, "vt-approved");

    const rows = await query<{ amount: number; status: string; last_four: string }>(
      "select amount::int as amount, status, last_four from transactions where merchant_id = $1 and customer_id = $2",
      [acme, customerId],
    );
    expect(rows).toEqual([{ amount: 4250, status: "pending_settlement", last_four: "1111" }]);

    // The customer page lists the charge from the cache, and the link opens the transaction page.
    await page.goto(`/m/${acme}/customers/${encodeURIComponent(customerId)}`);
    const txns = page.getByRole("region", { name: "Transactions" });
    await expect(txns.getByText("$42.50").count()).resolves.toBe(1);
    await context.close();
  });

  it("the same flow with a decline card shows the decline reason", async () => {
    const { context, page } = await session();
    await addCustomer(page, "Alan", "Turing", `alan-${Date.now()}@example.test`);
    await addCard(page, "4000000000000002");
    await chargeFromCustomer(page, "42.50");
    const alert = page.getByRole("alert").filter({ hasText: "Declined" });
    await alert.waitFor({ timeout: 30_000 });
    const text = (await alert.textContent()) ?? "";
    expect(text).toMatch(/declined: do not honor/i);
    expect(text).toContain("Reason");
    await shot(page, "vt-declined");
    await context.close();
  });

  it("the virtual terminal takes a card in the iframe and a double click charges once", async () => {
    const { context, page } = await session();
    await page.goto(`/m/${acme}/terminal`);
    await page.waitForURL((u) => u.searchParams.has("intent"));
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
    await page.getByRole("status").filter({ hasText: "Payment approved" }).waitFor({ timeout: 30_000 });
    const rows = await query<{ n: number }>(
      "select count(*)::int as n from transactions where merchant_id = $1 and order_id = $2",
      [acme, orderId],
    );
    expect(rows[0]?.n).toBe(1);
    // "New charge" starts a new intent.
    await page.getByRole("button", { name: "New charge" }).click();
    await page.waitForFunction((old) => new URL(location.href).searchParams.get("intent") !== old, intent);
    await context.close();
  });

  it("manages addresses and removes a card and the customer behind confirmations", async () => {
    const { context, page } = await session();
    const customerId = await addCustomer(page, "Mary", "Jackson", `mary-${Date.now()}@example.test`);
    await addCard(page, "4111111111111111");
    const addresses = page.getByRole("region", { name: "Addresses" });
    await addresses.getByRole("button", { name: "Add address" }).click();
    await addresses.getByLabel("Address", { exact: true }).fill("1 Wind Tunnel Rd");
    await addresses.getByLabel("City").fill("Hampton");
    await addresses.getByLabel("State").fill("VA");
    await addresses.getByLabel("ZIP / postal code").fill("23666");
    await addresses.getByRole("button", { name: "Add address", exact: true }).last().click();
    await page.getByText("Address added.").waitFor();
    await addresses.getByText("1 Wind Tunnel Rd").waitFor();
    await addresses.getByRole("button", { name: "Make default shipping" }).click();
    await page.getByText("Default shipping address updated.").waitFor();
    await shot(page, "customer-addresses");
    const cached = await query<{ line1: string; is_default_shipping: boolean }>(
      "select line1, is_default_shipping from customer_addresses where merchant_id = $1 and customer_id = $2 order by position",
      [acme, customerId],
    );
    expect(cached.find((a) => a.line1 === "1 Wind Tunnel Rd")?.is_default_shipping).toBe(true);

    await page.getByRole("button", { name: "Remove Visa •••• 1111" }).click();
    const dialog = page.getByRole("dialog", { name: "Remove this payment method?" });
    await dialog.getByRole("button", { name: "Remove" }).click();
    await page.getByText("Payment method removed.").waitFor();
    await page.getByText("No payment methods yet.").waitFor();

    await page.getByRole("button", { name: "Delete", exact: true }).first().click();
    await page
      .getByRole("dialog", { name: "Delete Mary Jackson?" })
      .getByRole("button", { name: "Delete customer" })
      .click();
    await page.waitForURL((u) => u.pathname.endsWith("/customers") && u.searchParams.has("deleted"));
    await page.getByText("The customer was deleted.").waitFor();
    expect((await page.goto(`/m/${acme}/customers/${encodeURIComponent(customerId)}`))?.status()).toBe(404);
    await context.close();
  });

  it("no request the pages sent, no server log line and no stored row holds a full card number", async () => {
    // The tokenizer iframe posts the card to the gateway's own tokenizer endpoint; nothing else may carry it.
    const toPortal = sentBodies.filter((r) => !r.url.includes("/sandbox/gateway/tokenizer/"));
    expect(toPortal.length).toBeGreaterThan(3);
    const logPath = `test-results/e2e-server${process.env.NEXT_DIST_DIR ? `-${process.env.NEXT_DIST_DIR.replace(/^.*\//, "")}` : ""}.log`;
    const serverLog = readFileSync(logPath, "utf8");
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
