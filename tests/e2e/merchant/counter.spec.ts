import type { Page } from "@playwright/test";
import type { CaughtMail } from "@/tests/helpers/smtp";
import { expect, test } from "../fixtures";
import { baseUrl, hydrated, merchantCredentials, merchantId, receivedMail } from "../helpers";

/**
 * Counter tools on a CardPointe merchant (Corner Hardware), through the browser, against the CardPointe Gateway and
 * Integrated Terminal emulators over real HTTP: a signature taken on the device with the sale and one asked for
 * afterwards (readSignature + sigcap), a tip added to an authorization (capture above the authorized amount, on an
 * entitled MID), the receipt by email over real SMTP and its print view, and a terminal another register holds,
 * taken over only after the user confirms.
 */

/** The Corner Hardware device that approves (the emulator's Clover Mini 2). */
async function approvingTerminal(page: Page): Promise<string> {
  const option = page.locator("#run-terminalId option", { hasText: "Clover Mini 2" });
  const value = await option.getAttribute("value");
  if (!value) throw new Error("no approving Clover terminal");
  return value;
}

async function sendToTerminal(
  page: Page,
  opts: { amount: string; type?: "sale" | "authorize"; signature?: boolean; tip?: boolean },
) {
  await page.getByLabel("Terminal", { exact: true }).selectOption(await approvingTerminal(page));
  if (opts.type === "authorize") await page.getByLabel("Authorization only").check();
  await page.getByLabel("Amount").fill(opts.amount);
  if (opts.signature) await page.getByLabel("Ask the customer to sign").check();
  if (opts.tip) await page.getByLabel("Ask for a tip first").check();
  await page.getByRole("button", { name: "Send to terminal" }).click();
}

async function approvedRun(page: Page): Promise<string> {
  await expect(page.locator("[data-run-state]")).toHaveAttribute("data-run-state", "approved", { timeout: 30_000 });
  const link = page.locator('a[href*="/transactions/"]').filter({ hasText: /^\d{12}$/ });
  return (await link.textContent())!.trim();
}

/** The image really decodes (a BMP data: URL from the gateway's gzipped signature), not just an <img> tag. */
async function expectSignatureImage(page: Page) {
  const img = page.getByRole("img", { name: "Customer signature" });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  expect(await img.getAttribute("src")).toMatch(/^data:image\/bmp;base64,/);
}

async function cardpointeControl(path: string, body: object) {
  const r = await fetch(`${baseUrl()}/sandbox/cardpointe/_control/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(r.status, `_control/${path}`).toBe(200);
}

test.describe("counter tools (CardPointe)", () => {
  test.use({ persona: "cornerOwner" });

  test("signature on the device and a tip added to the authorization are shown on the transaction; the receipt is emailed and printable", async ({
    page,
    mail,
  }) => {
    const id = await merchantId("Corner Hardware");
    const creds = await merchantCredentials("Corner Hardware");
    if (creds.gateway.family !== "cardpointe") throw new Error("Corner Hardware runs on CardPointe");
    // The processor's entitlement to capture above the authorization (CardPointeGatewayAPI.yaml L239).
    await cardpointeControl("entitlements", { merchid: creds.gateway.merchid, tip_adjust: true });

    await page.goto(`/m/${id}/terminals`);
    await hydrated(page, "form[aria-label='Run a terminal transaction']");
    await sendToTerminal(page, { amount: "20.00", type: "authorize", signature: true });
    const retref = await approvedRun(page);
    await expectSignatureImage(page);

    await page.goto(`/m/${id}/transactions/${retref}`);
    await expectSignatureImage(page);
    await page.getByRole("button", { name: "Add tip" }).click();
    await page.getByLabel("Tip", { exact: true }).fill("3.00");
    await expect(page.getByTestId("tip-new-total")).toHaveText("New total: $23.00");
    await page.getByRole("button", { name: "Confirm tip of $3.00: new total $23.00" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Tip of $3.00 added" })).toContainText("captured $23.00");
    const amounts = page.getByRole("region", { name: "Amounts" });
    await expect(amounts).toContainText("Tip$3.00");
    await expect(amounts).toContainText("Authorized$20.00");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("$23.00");
    await expect(page.getByText("Tip added")).toBeVisible();
    await page.screenshot({ path: "test-results/counter-tip-signature.png", fullPage: true });

    // The receipt by email, over SMTP: masked card, the tip and the signature; never the card number.
    const email = `counter-${Date.now()}@example.test`;
    await page.getByLabel("Customer's email").fill(email);
    await page.getByRole("button", { name: "Email receipt" }).click();
    await expect(page.getByText(`Receipt sent to ${email}.`)).toBeVisible();
    const receipt: CaughtMail = await receivedMail(mail, (m) => m.to.includes(email));
    expect(receipt.subject).toBe("Receipt from Corner Hardware: $23.00");
    expect(receipt.text).toMatch(/Tip:?\s*\$3\.00/);
    expect(receipt.text).toMatch(/Total:?\s*\$23\.00/);
    expect(receipt.text).toMatch(/•••• \d{4}/);
    // The emulator's approving terminal reads this UAT test card: only its last four may appear.
    expect(receipt.raw).not.toContain("4788250000121443");
    expect(receipt.html).toContain("data:image/bmp;base64,");

    // The print view: the slip alone, no navigation.
    await page.goto(`/m/${id}/transactions/${retref}/receipt`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Corner Hardware");
    await expect(page.locator("nav")).toHaveCount(0);
    await expect(page.getByRole("main")).toContainText("Tip$3.00");
    await expect(page.getByRole("main")).toContainText("Total$23.00");
    await expectSignatureImage(page);
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: "Print receipt" })).toBeHidden();
    await page.screenshot({ path: "test-results/counter-receipt-print.png", fullPage: true });
  });

  test("a signature asked for after the sale (readSignature, then sigcap) is shown on the transaction", async ({
    page,
  }) => {
    const id = await merchantId("Corner Hardware");
    await page.goto(`/m/${id}/terminals`);
    await hydrated(page, "form[aria-label='Run a terminal transaction']");
    await sendToTerminal(page, { amount: "7.25" });
    const retref = await approvedRun(page);
    await expect(page.getByRole("img", { name: "Customer signature" })).toHaveCount(0);
    await page.getByRole("button", { name: "Ask for a signature" }).click();
    await expect(page.getByText("Signature captured and attached to the transaction.")).toBeVisible({
      timeout: 30_000,
    });
    await expectSignatureImage(page);
    await page.goto(`/m/${id}/transactions/${retref}`);
    await expectSignatureImage(page);
    await expect(page.getByText("Signature captured on the terminal")).toBeVisible();
  });

  test("a terminal another register is connected to is taken over only after the user confirms", async ({ page }) => {
    const id = await merchantId("Corner Hardware");
    const creds = await merchantCredentials("Corner Hardware");
    if (creds.gateway.family !== "cardpointe") throw new Error("Corner Hardware runs on CardPointe");
    const { site, merchid, terminalApiKey } = creds.gateway;
    await page.goto(`/m/${id}/terminals`);
    await hydrated(page, "form[aria-label='Run a terminal transaction']");
    const hsn = await approvingTerminal(page);
    const terminalApi = (endpoint: string, body: object, session?: string) =>
      fetch(`${baseUrl()}/sandbox/cardpointe/${site}-uat/api/v2/${endpoint}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: terminalApiKey ?? "",
          ...(session ? { "x-cardconnect-sessionkey": session } : {}),
        },
        body: JSON.stringify({ merchantId: merchid, hsn, ...body }),
      });
    // Another point of sale connects to the device.
    const other = await terminalApi("connect", { force: false });
    expect(other.status).toBe(200);
    const session = other.headers.get("x-cardconnect-sessionkey")!.split(";")[0]!;
    try {
      await sendToTerminal(page, { amount: "5.00" });
      const dialog = page.getByRole("dialog", { name: "This terminal is in use by another register" });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText("Taking it over ends that register's session");
      // Cancel leaves the other register alone.
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(dialog).toBeHidden();
      expect((await terminalApi("display", { text: "Still mine" }, session)).status).toBe(200);

      await page.getByRole("button", { name: "Send to terminal" }).click();
      await expect(dialog).toBeVisible();
      await dialog.getByRole("button", { name: "Take over the terminal" }).click();
      await approvedRun(page);
      // The other register's session is gone.
      expect((await terminalApi("display", { text: "Mine?" }, session)).status).toBe(500);
    } finally {
      await terminalApi("disconnect", {}, session);
    }
  });
});
