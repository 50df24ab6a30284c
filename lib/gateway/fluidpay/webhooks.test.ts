import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  fluidPayWebhookAccount,
  fluidPayWebhookEventId,
  parseFluidPayWebhook,
  signFluidPayBody,
  verifyFluidPaySignature,
} from "./webhooks";

// The raw body as delivered, trailing newline included (services.md §5.7 signs the exact bytes).
const raw = readFileSync(
  path.join(import.meta.dirname, "../../../tests/fixtures/fluidpay/webhook-transaction-create.json"),
  "utf8",
)
  .trim()
  .concat("\n");
const secret = "whsec-test-0123456789";

describe("FluidPay webhooks", () => {
  it("accepts the base64url HMAC-SHA256 of the raw body, with or without padding, and the previous secret", () => {
    const sig = signFluidPayBody(raw, secret);
    expect(sig).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(verifyFluidPaySignature(raw, new Headers({ Signature: sig }), secret)).toBe(true);
    expect(verifyFluidPaySignature(raw, new Headers({ Signature: `${sig}=` }), secret)).toBe(true);
    const rotated = new Headers({ Signature: signFluidPayBody(raw, "new-secret"), "Signature-Previous": sig });
    expect(verifyFluidPaySignature(raw, rotated, secret)).toBe(true);
  });

  it("rejects a changed body, a wrong secret, and a missing signature", () => {
    const sig = signFluidPayBody(raw, secret);
    expect(verifyFluidPaySignature(raw.replace("450", "451"), new Headers({ Signature: sig }), secret)).toBe(false);
    expect(verifyFluidPaySignature(raw.trimEnd(), new Headers({ Signature: sig }), secret)).toBe(false);
    expect(verifyFluidPaySignature(raw, new Headers({ Signature: signFluidPayBody(raw, "other") }), secret)).toBe(
      false,
    );
    expect(verifyFluidPaySignature(raw, new Headers(), secret)).toBe(false);
  });

  it("parses a transaction event into the domain transaction, keyed by a digest of the signed body (not the unsigned id header)", () => {
    expect(fluidPayWebhookAccount(raw)).toBe("testmerchant12345678");
    expect(fluidPayWebhookAccount("not json")).toBeNull();
    const e = parseFluidPayWebhook(raw);
    expect(e).toMatchObject({
      eventId: fluidPayWebhookEventId(raw),
      type: "transaction_create",
      accountId: "testmerchant12345678",
    });
    expect(e.eventId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fluidPayWebhookEventId(`${raw} `)).not.toBe(e.eventId);
    expect(e.transaction).toMatchObject({
      id: "bm5s8gm9ku6ejcu15t9g",
      amount: 450,
      status: "pending_settlement",
      paymentMethod: { kind: "card", maskedNumber: "411111******1111", lastFour: "1111" },
    });
    expect(() => parseFluidPayWebhook("{}")).toThrow();
  });
});
