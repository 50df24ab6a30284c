import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "../fixtures";
import { merchantId } from "../helpers";
import { verifyWebhookSignature } from "@/lib/webhooks/signature";

/**
 * Settings → Webhooks as a merchant admin, against a real receiver on loopback (the e2e server runs with the
 * sandboxes on, where loopback endpoints are allowed): add an endpoint (its secret shown once), send a test event,
 * see it delivered in the log with the receiver's answer, resend it (same event id), and check the signature the
 * receiver got with the documented recipe.
 */

test.describe("outbound webhooks", () => {
  test.use({ persona: "cornerOwner" });

  test("an admin adds an endpoint, sends a test event, sees it in the delivery log and resends it", async ({
    page,
  }) => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200, { "content-type": "text/plain" }).end("thanks from the e2e receiver");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/portal-events`;
    try {
      const id = await merchantId("Corner Hardware");
      await page.goto(`/m/${id}/settings`);
      await page.getByRole("link", { name: "Webhooks →" }).click();
      await expect(page.getByRole("heading", { name: "Webhooks", exact: true })).toBeVisible();

      const form = page.getByRole("form", { name: "Add an endpoint" });
      // A URL that is not one is a field error.
      await form.getByLabel("Endpoint URL").fill("not a url");
      await form.evaluate((f: HTMLFormElement) => (f.noValidate = true));
      await form.getByRole("button", { name: "Add endpoint" }).click();
      await expect(form.getByText("Enter a full URL")).toBeVisible();
      await form.getByLabel("Endpoint URL").fill(url);
      await form.getByLabel("Description (optional)").fill("E2E receiver");
      await form.getByRole("button", { name: "Add endpoint" }).click();
      const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
      expect(secret).toMatch(/^whsec_/);

      const endpoint = page.getByTestId("webhook-endpoint").filter({ hasText: url });
      await expect(endpoint).toBeVisible();
      await endpoint.getByRole("button", { name: "Send test event" }).click();
      await expect(endpoint.getByText("Test event queued.")).toBeVisible();

      // Delivered by the job queue: reload until the log shows it.
      const delivered = page
        .getByTestId("webhook-delivery")
        .filter({ hasText: "test.ping" })
        .filter({ hasText: "Delivered" });
      await expect(async () => {
        await page.reload();
        await expect(delivered.first()).toBeVisible({ timeout: 1000 });
      }).toPass({ timeout: 30_000 });
      await delivered.first().getByText("1 attempt").click();
      await expect(delivered.first().getByTestId("webhook-attempts")).toContainText("HTTP 200");
      await expect(delivered.first().getByTestId("webhook-attempts")).toContainText("thanks from the e2e receiver");

      expect(received).toHaveLength(1);
      const first = received[0]!;
      const eventId = first.headers["portal-event-id"] as string;
      expect(JSON.parse(first.body)).toMatchObject({ id: eventId, type: "test.ping" });
      expect(
        verifyWebhookSignature({
          body: first.body,
          timestamp: first.headers["portal-timestamp"] as string,
          signature: first.headers["portal-signature"] as string,
          secret,
        }),
      ).toEqual({ ok: true });

      // Resend: a second delivery of the same event id.
      await delivered.first().getByRole("button", { name: "Resend" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Resend" }).click();
      await expect(async () => {
        await page.reload();
        await expect(
          page.getByTestId("webhook-delivery").filter({ hasText: "Resent by hand" }).filter({ hasText: "Delivered" }),
        ).toHaveCount(1, { timeout: 1000 });
      }).toPass({ timeout: 30_000 });
      expect(received).toHaveLength(2);
      expect(received[1]!.headers["portal-event-id"]).toBe(eventId);
      await page.screenshot({ path: "test-results/settings-webhooks.png", fullPage: true });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
