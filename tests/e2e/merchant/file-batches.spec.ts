import { parse } from "csv-parse/sync";
import { describeAs, expect, test } from "../fixtures";
import { baseUrl, merchantCredentials, merchantId } from "../helpers";

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

const csvFile = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

describeAs("acmeOwner", "file batches", () => {
  test("uploads 50 rows with 3 bad ones, shows progress to completion, and the result file marks the 3 rows", async ({
    page,
  }) => {
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

    await page.goto(`/m/${id}/file-batches`);
    await page.getByLabel("CSV file").setInputFiles(csvFile("fifty.csv", `${lines.join("\n")}\n`));
    await expect(page.getByText(/^50 rows/)).toBeVisible();
    await expect(page.getByText("no problems found")).toHaveCount(1);
    await page.getByRole("button", { name: "Upload 50 rows" }).click();
    const bar = page.getByRole("progressbar", { name: "File batch progress" });
    await expect(bar).toBeVisible();
    await expect(page.getByText("Completed", { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(bar).toHaveAttribute("aria-valuenow", "100");
    await expect(page.getByText("50 / 50").first()).toBeVisible();

    const href = await page.getByRole("link", { name: "Download the result file" }).getAttribute("href");
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(50);
    const failed = rows.filter((r) => r.result_status === "failed").map((r) => Number(r.line));
    expect(failed.sort((a, b) => a - b)).toEqual([...bad]);
    expect(rows.filter((r) => r.result_status !== "failed").every((r) => r.result_transaction_id)).toBe(true);
  });

  test("refuses a file with card numbers before anything is uploaded", async ({ page }) => {
    const id = await merchantId("Acme Coffee");
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    await page.goto(`/m/${id}/file-batches`);
    await page
      .getByLabel("CSV file")
      .setInputFiles(
        csvFile(
          "cards.csv",
          '"transaction_type","cc_number","cc_expiration","amount"\n"sale","4111111111111111","12/30","100"\n',
        ),
      );
    await expect(page.getByText("Card numbers cannot be uploaded through the portal", { exact: false })).toBeVisible();
    await expect(page.getByRole("button", { name: /Upload/ })).toHaveCount(0);
    expect(posts).toEqual([]);
  });
});
