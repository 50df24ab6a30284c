import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, loginAs, merchantCredentials, merchantId } from "../helpers";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A vault customer made at the sandbox in test setup (the vault UI is tested elsewhere). */
async function vaultCustomer(apiKey: string): Promise<string> {
  const res = await fetch(`${baseUrl()}/sandbox/gateway/api/vault/customer`, {
    method: "POST",
    headers: { authorization: apiKey, "content-type": "application/json" },
    body: JSON.stringify({
      description: "Batch customer",
      default_payment: { card: { number: "4111111111111111", expiration_date: "12/30" } },
      default_billing_address: { first_name: "Bo", last_name: "Batch", email: "bo@example.test" },
    }),
  });
  const json = (await res.json()) as { data: { id: string } };
  expect(res.status).toBe(200);
  return json.data.id;
}

describe("file batches", () => {
  it("uploads 50 rows with 3 bad ones, shows progress to completion, and the result file marks the 3 rows", async () => {
    const id = await merchantId("Acme Coffee");
    const creds = await merchantCredentials("Acme Coffee");
    if (creds.gateway.family !== "fluidpay") throw new Error("Acme runs on the gateway family");
    const customers = [await vaultCustomer(creds.gateway.apiKey), await vaultCustomer(creds.gateway.apiKey)];
    const bad = new Set([7, 23, 41]);
    const lines = ['"transaction_type","customer_id","amount","order_id"'];
    for (let i = 1; i <= 50; i++) {
      const customer = bad.has(i) ? `nosuchcustomer${i}` : customers[i % 2];
      lines.push(`"sale","${customer}","${100 + i}","BATCH${i}"`);
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), "batch-"));
    const file = path.join(dir, "fifty.csv");
    writeFileSync(file, `${lines.join("\n")}\n`);

    const { context, page } = await loginAs(browser, "owner@acme.test");
    await page.goto(`/m/${id}/file-batches`);
    await page.getByLabel("CSV file").setInputFiles(file);
    await page.getByText(/^50 rows/).waitFor();
    await expect(page.getByText("no problems found").count()).resolves.toBe(1);
    await page.getByRole("button", { name: "Upload 50 rows" }).click();
    const bar = page.getByRole("progressbar", { name: "File batch progress" });
    await bar.waitFor();
    await page.getByText("Completed", { exact: true }).waitFor({ timeout: 60_000 });
    expect(await bar.getAttribute("aria-valuenow")).toBe("100");
    await expect(page.getByText("50 / 50").count()).resolves.toBeGreaterThan(0);

    const href = await page.getByRole("link", { name: "Download the result file" }).getAttribute("href");
    const res = await context.request.get(`${baseUrl()}${href}`);
    expect(res.status()).toBe(200);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(50);
    const failed = rows.filter((r) => r.result_status === "failed").map((r) => Number(r.line));
    expect(failed.sort((a, b) => a - b)).toEqual([...bad]);
    expect(rows.filter((r) => r.result_status !== "failed").every((r) => r.result_transaction_id)).toBe(true);
    await context.close();
  });

  it("refuses a file with card numbers before anything is uploaded", async () => {
    const id = await merchantId("Acme Coffee");
    const dir = mkdtempSync(path.join(os.tmpdir(), "batch-"));
    const file = path.join(dir, "cards.csv");
    writeFileSync(
      file,
      '"transaction_type","cc_number","cc_expiration","amount"\n"sale","4111111111111111","12/30","100"\n',
    );
    const { context, page } = await loginAs(browser, "owner@acme.test");
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    await page.goto(`/m/${id}/file-batches`);
    await page.getByLabel("CSV file").setInputFiles(file);
    await page.getByText("Card numbers cannot be uploaded through the portal", { exact: false }).waitFor();
    await expect(page.getByRole("button", { name: /Upload/ }).count()).resolves.toBe(0);
    expect(posts).toEqual([]);
    await context.close();
  });
});
