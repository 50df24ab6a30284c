import http from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { setup, type Env } from "./helpers";

/**
 * The tokenizer end to end in a real browser (Debian's Chromium, as the e2e suite uses): a merchant
 * page on another origin loads tokenizer.js, the iframe collects the card, and the page receives the
 * token over postMessage; the token then charges through the API.
 */
let env: Env;
let shop: http.Server;
let shopUrl = "";
let browser: Browser;

beforeAll(async () => {
  env = await setup("tokenizer-browser");
  const html = `<!doctype html><html><body><div id="pay"></div><script src="${env.s.url}/sandbox/gateway/tokenizer/tokenizer.js"></script>
<script>
window.results = [];
window.tok = new Tokenizer({ apikey: ${JSON.stringify(env.publicKey)}, container: "#pay",
  settings: { payment: { types: ["card", "ach"] } },
  submission: function (resp) { window.results.push(resp); } });
</script></body></html>`;
  shop = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(html);
  });
  await new Promise<void>((r) => shop.listen(0, "127.0.0.1", r));
  // "localhost" vs "127.0.0.1": a different origin from the sandbox, as in production.
  shopUrl = `http://localhost:${(shop.address() as AddressInfo).port}/checkout`;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  shop?.closeAllConnections();
  await new Promise((r) => shop?.close(r));
  await env.s.close();
});

test("card entry in the iframe → validation message, then a one-time token posted to the parent", async () => {
  const page = await browser.newPage();
  await page.goto(shopUrl);
  const frame = page.frameLocator("iframe");
  await frame.locator("#cc").fill("4111 1111 1111 1112");
  await frame.locator("#exp").fill("12/30");
  await frame.locator("#cvv").fill("123");
  await page.evaluate(() => (window as unknown as { tok: { submit(): void } }).tok.submit());
  await page.waitForFunction(() => (window as unknown as { results: unknown[] }).results.length >= 1);
  const first = await page.evaluate(() => (window as unknown as { results: unknown[] }).results[0]);
  expect(first).toMatchObject({ status: "validation", invalid: ["cc"] });

  await frame.locator("#cc").fill("4111 1111 1111 1111");
  await page.evaluate(() => (window as unknown as { tok: { submit(): void } }).tok.submit());
  await page.waitForFunction(() => (window as unknown as { results: unknown[] }).results.length >= 2);
  const second = (await page.evaluate(() => (window as unknown as { results: unknown[] }).results[1])) as {
    status: string;
    token: string;
    card: Record<string, unknown>;
  };
  expect(second).toMatchObject({
    status: "success",
    card: { first_six: "411111", last_four: "1111", card_type: "visa" },
  });
  expect(JSON.stringify(second)).not.toContain("4111111111111111");

  const charge = await env.api("POST", "/api/transaction", {
    type: "sale",
    amount: 500,
    payment_method: { token: second.token },
  });
  expect(charge.json.data).toMatchObject({ status: "pending_settlement", payment_method: "token" });
  await page.close();
}, 60_000);

test("ACH tab tokenizes bank details", async () => {
  const page = await browser.newPage();
  await page.goto(shopUrl);
  const frame = page.frameLocator("iframe");
  await frame.getByRole("tab", { name: "Bank account" }).click();
  await frame.locator("#routing").fill("490000018");
  await frame.locator("#account").fill("12345678");
  await page.evaluate(() => (window as unknown as { tok: { submit(): void } }).tok.submit());
  await page.waitForFunction(() => (window as unknown as { results: unknown[] }).results.length >= 1);
  const res = await page.evaluate(() => (window as unknown as { results: unknown[] }).results[0]);
  expect(res).toMatchObject({ status: "success", type: "ach", ach: { last_four: "5678" } });
  await page.close();
}, 60_000);
