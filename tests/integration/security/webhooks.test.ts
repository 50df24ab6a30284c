import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/[provider]/route";
import { getDb } from "@/db/client";
import { webhookEvents } from "@/db/schema";
import { signFluidPayBody } from "@/lib/gateway/fluidpay/webhooks";
import { connectSandbox } from "@/tests/helpers/sandbox-merchant";
import { MAX_WEBHOOK_BYTES } from "@/lib/sync/webhooks";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import { makeTenants } from "@/tests/helpers/tenants";
import { openForFile } from "@/tests/helpers/for-file";

/**
 * Finding 7 of the security review. The FluidPay signature covers the raw body only (services.md §5.7);
 * `X-Webhook-Event-Id` is an unsigned header. The dedupe id was taken from that header, so a captured delivery could
 * be replayed under a new id; there was no timestamp tolerance; the body was read before its size was checked.
 */

let merchantId: string;
let secret: string;
let accountId: string;

const origin = openForFile(servePortalOrigin);
beforeAll(async () => {
  merchantId = (await makeTenants("fluidpay")).merchantA;
  const p = await connectSandbox(merchantId, "Webhook Security", "fluidpay");
  const creds = p.credentials.gateway;
  if (creds.family !== "fluidpay" || !creds.webhookSecret || !creds.accountId) throw new Error("no webhook secret");
  secret = creds.webhookSecret;
  accountId = creds.accountId;
});

function body(actionAt: Date | null, extra: Record<string, unknown> = {}): string {
  const b: Record<string, unknown> = {
    status: "success",
    msg: "success",
    type: "settlement_batch_settle_unknown",
    account_type: "merchant",
    account_type_id: accountId,
    data: { note: `n-${Math.random()}` },
    ...extra,
  };
  if (actionAt) b.action_at = actionAt.toISOString();
  return `${JSON.stringify(b)}\n`;
}

function deliver(raw: string, eventId: string) {
  return fetch(`${origin.url}/api/webhooks/fluidpay`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      signature: signFluidPayBody(raw, secret),
      "x-webhook-event-id": eventId,
    },
    body: raw,
  });
}

async function eventsOfMerchant(): Promise<number> {
  const [r] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(webhookEvents)
    .where(eq(webhookEvents.merchantId, merchantId));
  return r?.n ?? 0;
}

describe("inbound webhooks", () => {
  it("dedupes on the signed body: a captured delivery replayed under a new X-Webhook-Event-Id is a duplicate", async () => {
    const raw = body(new Date());
    const before = await eventsOfMerchant();
    const first = await deliver(raw, "original-id");
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true });
    const replayed = await deliver(raw, "attacker-chosen-id");
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toEqual({ received: true, duplicate: true });
    expect(await eventsOfMerchant()).toBe(before + 1);
  });

  it("refuses a validly signed event whose signed action_at is more than 5 minutes old, or ahead, or missing", async () => {
    const before = await eventsOfMerchant();
    for (const at of [new Date(Date.now() - 6 * 60_000), new Date(Date.now() + 6 * 60_000), null]) {
      const res = await deliver(body(at), `stale-${Math.random()}`);
      expect(res.status, String(at)).toBe(400);
      expect(await res.json()).toMatchObject({ received: false });
    }
    // Within the window it is accepted.
    expect((await deliver(body(new Date(Date.now() - 4 * 60_000)), "recent")).status).toBe(200);
    expect(await eventsOfMerchant()).toBe(before + 1);
  });

  it("checks the size before reading the body: a large chunked upload is cut off after the limit", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const total = 20 * 1024 * 1024;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    // No Content-Length: the only way to know the size is to count while reading.
    const req = new Request("http://portal.test/api/webhooks/fluidpay", {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    const res = await POST(req, { params: Promise.resolve({ provider: "fluidpay" }) });
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(MAX_WEBHOOK_BYTES + 2 * chunk.byteLength);
  });
});
