import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureHeader, verifyWebhookSignature } from "./signature";

const body = '{"id":"evt_1","type":"payment.created","created":1795000000,"data":{"amount":1250}}';
const ts = 1_795_000_000;

describe("webhook signatures (the documented recipe)", () => {
  it("is HMAC-SHA256 of `timestamp.body` in hex, one v1= per signing secret", () => {
    const expected = createHmac("sha256", "whsec_a").update(`${ts}.${body}`).digest("hex");
    expect(signatureHeader(["whsec_a"], ts, body)).toBe(`v1=${expected}`);
    expect(signatureHeader(["whsec_a", "whsec_b"], ts, body).split(",")).toHaveLength(2);
  });

  it("accepts within the tolerance window and rejects replays, tampering and other secrets", () => {
    const signature = signatureHeader(["whsec_new", "whsec_old"], ts, body);
    const v = (over: Partial<Parameters<typeof verifyWebhookSignature>[0]>) =>
      verifyWebhookSignature({ body, timestamp: String(ts), signature, secret: "whsec_old", now: ts, ...over });
    expect(v({})).toEqual({ ok: true });
    expect(v({ secret: "whsec_new", now: ts + 300 })).toEqual({ ok: true });
    expect(v({ now: ts + 301 })).toEqual({ ok: false, reason: "too-old" });
    expect(v({ now: ts - 301 })).toEqual({ ok: false, reason: "too-new" });
    expect(v({ now: ts + 3600, toleranceSeconds: 3600 })).toEqual({ ok: true });
    expect(v({ body: body.replace("1250", "125") })).toEqual({ ok: false, reason: "no-match" });
    expect(v({ timestamp: String(ts + 1) })).toEqual({ ok: false, reason: "no-match" });
    expect(v({ secret: "whsec_other" })).toEqual({ ok: false, reason: "no-match" });
    expect(v({ signature: "v0=abc" })).toEqual({ ok: false, reason: "no-match" });
    expect(v({ timestamp: null })).toEqual({ ok: false, reason: "missing-header" });
    expect(v({ timestamp: "12e3" })).toEqual({ ok: false, reason: "bad-timestamp" });
  });
});
