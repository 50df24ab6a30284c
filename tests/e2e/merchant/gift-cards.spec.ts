import { describeAs, expect, test } from "../fixtures";
import { baseUrl, merchantCredentials, merchantId, query } from "../helpers";

/** A fresh active card of the merchant's sandbox store (numbers exist only in the sandbox's control answer). */
async function newCard(merchant: string, balance: number) {
  const creds = await merchantCredentials(merchant);
  const gc = creds.giftcard;
  if (!gc) throw new Error("no gift card store");
  const r = await fetch(`${baseUrl()}/sandbox/giftcard/_control/cards`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Basic ${Buffer.from(`${gc.username}:${gc.password}`).toString("base64")}`,
    },
    body: JSON.stringify({ count: 1, balance, activated: true }),
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as { cards: { cardnumber: string; securitycode: string }[] }).cards[0]!;
}

describeAs("acmeOwner", "gift cards", () => {
  test("enters a card, declines an over-balance redeem, takes a partial one, reloads, and shows the day's batch", async ({
    page,
  }) => {
    const acme = await merchantId("Acme Coffee");
    const card = await newCard("Acme Coffee", 40);
    const requests: string[] = [];
    page.on("request", (req) => requests.push(`${req.url()} ${req.postData() ?? ""}`));
    await page.goto(`/m/${acme}/gift-cards`);
    await expect(page.getByRole("heading", { name: "Gift cards", level: 1 })).toBeVisible();

    await page.getByLabel("Card number").fill(card.cardnumber);
    await page.getByLabel("Security code").fill(card.securitycode);
    await page.getByRole("button", { name: "Look up card" }).click();
    await expect(page.getByText(`Gift card ••••${card.cardnumber.slice(-4)}`)).toBeVisible();
    const balance = page.getByTestId("gift-balance");
    await expect(balance).toHaveText("$40.00");

    const redeem = page.getByRole("form", { name: "Redeem" });
    await redeem.getByLabel("Amount", { exact: true }).fill("50.00");
    await redeem.getByRole("button", { name: "Redeem" }).click();
    await expect(page.getByText("Declined", { exact: true })).toBeVisible();
    await expect(
      page
        .getByRole("status")
        .or(page.getByRole("alert"))
        .filter({ hasText: /insufficient balance/i })
        .first(),
    ).toBeVisible();
    await expect(balance).toHaveText("$40.00");

    await redeem.getByLabel("Amount", { exact: true }).fill("50.00");
    await redeem.getByLabel(/Accept a partial amount/).check();
    await redeem.getByRole("button", { name: "Redeem" }).click();
    await expect(page.getByText("Partially approved: $40.00 of $50.00")).toBeVisible();
    await expect(balance).toHaveText("$0.00");

    const load = page.getByRole("form", { name: "Sell or reload" });
    await load.getByLabel("Amount", { exact: true }).fill("15.25");
    await load.getByRole("button", { name: "Load card" }).click();
    await expect(page.getByText("Reloaded — new balance $15.25")).toBeVisible();

    await page.screenshot({ path: "test-results/gift-cards-card.png", fullPage: true });

    await page.reload();
    await expect(page.getByRole("cell", { name: `••••${card.cardnumber.slice(-4)}` }).first()).toBeVisible();
    await page.screenshot({ path: "test-results/gift-cards.png", fullPage: true });

    // The number went to the tokenization action only once, and nowhere was it stored.
    const withNumber = requests.filter((r) => r.includes(card.cardnumber));
    expect(withNumber).toHaveLength(1);
    const rows = await query<{ n: string }>(
      "select count(*)::text as n from audit_log where after::text like $1 or before::text like $1",
      [`%${card.cardnumber}%`],
    );
    expect(rows[0]!.n).toBe("0");
  });
});
