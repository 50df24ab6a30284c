import { expect, test } from "../fixtures";
import { addCard, addCustomer, merchantId, query } from "../helpers";

/**
 * Updating a saved card on the customer page as owner@acme.test: a new expiry behind a confirmation (with the field
 * error for a bad date), then a replacement card typed into the tokenizer iframe — the card keeps its place in the
 * vault, and no card number leaves the browser except to the tokenizer.
 */

test.describe.configure({ mode: "serial" });
test.use({ persona: "acmeOwner" });

let acme: string;
test.beforeAll(async () => {
  acme = await merchantId("Acme Coffee");
});

test("updates a saved card's expiry and replaces the card through the tokenizer iframe", async ({ page, context }) => {
  const portalBodies: string[] = [];
  context.on("request", (req) => {
    const body = req.postData();
    if (body && !req.url().includes("/tokenizer/")) portalBodies.push(body);
  });
  const customerId = await addCustomer(page, acme, "Katherine", "Johnson", `katherine-${Date.now()}@example.test`);
  await addCard(page, "4111111111111111");
  const methods = page.getByRole("region", { name: "Payment methods" });
  await expect(methods.getByText("Visa •••• 1111")).toBeVisible();
  const [before] = await query<{ id: string }>(
    "select payment_method_id as id from customer_payment_methods where merchant_id = $1 and customer_id = $2",
    [acme, customerId],
  );

  // Expiry: a bad date is a field error, then a good one is saved.
  await methods.getByRole("button", { name: "Update expiry of Visa •••• 1111" }).click();
  const dialog = page.getByRole("dialog", { name: "Update the expiry date?" });
  await dialog.getByLabel("Expiry date (MM/YY)").fill("13/30");
  await dialog.getByRole("button", { name: "Save expiry" }).click();
  await expect(dialog.getByText(/Enter the expiry date as MM\/YY/)).toBeVisible();
  await dialog.getByLabel("Expiry date (MM/YY)").fill("04/31");
  await dialog.getByRole("button", { name: "Save expiry" }).click();
  await expect(page.getByText("Visa •••• 1111 now expires 04/31.")).toBeVisible();
  await expect(methods.getByText("Expires 04/31", { exact: true })).toBeVisible();

  // Replace: the new card goes into the tokenizer iframe.
  await methods.getByRole("button", { name: "Replace card Visa •••• 1111" }).click();
  const frame = page.frameLocator('iframe[title="Payment details"]');
  await frame.getByLabel("Card number").fill("5555555555554444");
  await frame.getByLabel("Expiration (MM/YY)").fill("11/32");
  await frame.getByLabel("CVC").fill("123");
  await methods.getByRole("button", { name: "Replace card", exact: true }).last().click();
  await expect(page.getByText(/was replaced\. Subscriptions using it will charge the new card\./)).toBeVisible();
  await expect(methods.getByText("Mastercard •••• 4444")).toBeVisible();
  await expect(methods.getByRole("button", { name: "Update expiry of Mastercard •••• 4444" })).toBeVisible();
  await expect(methods.getByRole("button", { name: "Update expiry of Visa •••• 1111" })).toHaveCount(0);
  const after = await query<{ id: string; last_four: string }>(
    "select payment_method_id as id, last_four from customer_payment_methods where merchant_id = $1 and customer_id = $2",
    [acme, customerId],
  );
  expect(after).toEqual([{ id: before!.id, last_four: "4444" }]);
  expect(portalBodies.join("\n")).not.toMatch(/5555555555554444|4111111111111111/);
});
