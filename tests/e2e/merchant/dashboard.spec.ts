import { describeAs, expect, test } from "../fixtures";
import { baseUrl, merchantCredentials, merchantId, query } from "../helpers";

/** Charges straight at the sandbox gateway, as another channel would: the portal learns of them only by webhook. */
async function charge(apiKey: string, number: string, amount: number) {
  const res = await fetch(`${baseUrl()}/sandbox/gateway/api/transaction`, {
    method: "POST",
    headers: { authorization: apiKey, "content-type": "application/json" },
    body: JSON.stringify({
      type: "sale",
      amount,
      payment_method: { card: { number, expiration_date: "12/30" } },
      idempotency_key: crypto.randomUUID(),
    }),
  });
  expect(res.status).toBe(200);
}

test.describe("merchant dashboard", () => {
  describeAs("blueFernOwner", "as the owner of Blue Fern", () => {
    test("shows volume, approval rate, decline reasons and brand mix from webhook-fed rollups", async ({ page }) => {
      const id = await merchantId("Blue Fern Studio");
      const creds = await merchantCredentials("Blue Fern Studio");
      if (creds.gateway.family !== "fluidpay") throw new Error("Blue Fern runs on the gateway family");
      await charge(creds.gateway.apiKey, "4111111111111111", 4250);
      await charge(creds.gateway.apiKey, "5555555555554444", 1750);
      await charge(creds.gateway.apiKey, "4000000000009995", 999);
      // The three arrive by webhook.
      await expect
        .poll(
          async () =>
            (await query<{ n: number }>("select count(*)::int as n from transactions where merchant_id = $1", [id]))[0]
              ?.n ?? 0,
          { message: "the three charges reached the portal by webhook" },
        )
        .toBeGreaterThanOrEqual(3);

      await page.goto(`/m/${id}?range=7`);
      const kpi = (label: string) => page.getByRole("group", { name: label, exact: true });
      await expect(kpi("Gross volume")).toContainText("$60.00");
      await expect(kpi("Approval rate")).toContainText("66.7%");
      await expect(kpi("Average ticket")).toContainText("$30.00");
      const reasons = page.getByRole("region", { name: "Decline reasons" });
      await expect(reasons.locator("figure")).toBeVisible();
      await expect(reasons).toContainText(/insufficient/i);
      const brands = page.getByRole("region", { name: "Card brand mix" });
      await expect(brands).toContainText(/visa\s*\$42\.50/i);
      await expect(brands).toContainText(/mastercard\s*\$17\.50/i);
      await page.screenshot({ path: "test-results/dashboard.png", fullPage: true });
    });
  });

  describeAs("partnerAdmin", "as the partner admin", () => {
    test("shows an empty state, not zeros pretending to be data, for a merchant without transactions", async ({
      page,
    }) => {
      // A brand-new merchant of the demo partner (other specs give every demo merchant transactions).
      const [m] = await query<{ id: string }>(
        "insert into merchants (partner_id, name, gateway) select id, 'Empty Shop', 'fluidpay' from partners where name = 'Demo Partners' returning id",
      );
      await page.goto(`/m/${m?.id}`);
      await expect(page.getByText("No transactions yet.")).toHaveCount(1);
      await expect(page.getByText("No approved sales in this period.")).toHaveCount(1);
    });
  });
});
