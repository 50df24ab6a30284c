import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sale, setup, type Env, type Txn } from "./helpers";

let env: Env;
let receiver: http.Server;
let receiverUrl = "";
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let failNext = 0;

beforeAll(async () => {
  env = await setup("control");
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(500).end();
      } else res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await env.s.close();
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
});

async function waitFor<T>(fn: () => T | undefined, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
const sign = (secret: string, body: string) => createHmac("sha256", secret).update(body).digest("base64url");
const parsed = (b: string) => JSON.parse(b) as { type: string; data: Record<string, unknown>; transaction_id?: string };

describe("control: accounts", () => {
  test("POST /_control/accounts needs no auth and answers keys in the envelope; accounts are distinct", async () => {
    const res = await fetch(`${env.s.url}/sandbox/gateway/_control/accounts`, { method: "POST" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; data: Record<string, string> };
    expect(body.status).toBe("success");
    expect(body.data.api_key).toMatch(/^api_[A-Za-z0-9]{27}$/);
    expect(body.data.public_key).toMatch(/^pub_[A-Za-z0-9]{27}$/);
    expect(body.data.merchant_id).toMatch(/^[0-9a-v]{20}$/);
    expect(body.data.api_key).not.toBe(env.apiKey);
    const bad = await fetch(`${env.s.url}/sandbox/gateway/_control/accounts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ batch_time: "25:00" }),
    });
    expect(bad.status).toBe(400);
  });
});

describe("control: webhooks", () => {
  test("config sends a test delivery signed with the fixed test secret", async () => {
    const r = await env.api("POST", "/_control/webhook", { url: receiverUrl, secret: "s3cret-value" });
    expect(r.status).toBe(200);
    const test = await waitFor(() => received.find((x) => parsed(x.body).type === "test"));
    expect(test.headers.signature).toBe(sign("00000000-0000-4000-8000-000000000001", test.body));
    expect(test.body.endsWith("\n")).toBe(true);
    expect((await env.api("POST", "/_control/webhook", { url: "ftp://x", secret: "s3cret-value" })).status).toBe(400);
    expect((await env.api("POST", "/_control/webhook", { url: receiverUrl })).status).toBe(400);
  });

  test("transaction_create is signed (HMAC-SHA256 of the raw body, base64url) with an event id", async () => {
    const t = (await env.api("POST", "/api/transaction", sale(4321))).json.data as Txn;
    const hit = await waitFor(() =>
      received.find((x) => x.body.includes(t.id) && parsed(x.body).type === "transaction_create"),
    );
    expect(hit.headers.signature).toBe(sign("s3cret-value", hit.body));
    expect(hit.headers["x-webhook-event-id"]).toMatch(/^[0-9a-v]{20}$/);
    const body = parsed(hit.body);
    expect(body).toMatchObject({ transaction_id: t.id, data: { id: t.id, amount: 4321 } });
    expect(hit.body).not.toContain("4111111111111111");
  });

  test("a failing endpoint is retried with backoff under the same event id", async () => {
    failNext = 1;
    const t = (await env.api("POST", "/api/transaction", sale(999))).json.data as Txn;
    const hits = await waitFor(() => {
      const h = received.filter((x) => x.body.includes(t.id) && parsed(x.body).type === "transaction_create");
      return h.length >= 2 ? h : undefined;
    });
    expect(hits[0]?.headers["x-webhook-event-id"]).toBe(hits[1]?.headers["x-webhook-event-id"]);
    const deliveries = await env.api("GET", "/_control/webhook/deliveries");
    const d = (deliveries.json.data as { id: string; attempts: number; status: string }[]).find(
      (x) => x.id === hits[0]?.headers["x-webhook-event-id"],
    );
    expect(d).toMatchObject({ attempts: 2, status: "delivered" });
  });

  test("settlement emits transaction_update and settlement_batch_settle", async () => {
    const t = (await env.api("POST", "/api/transaction", sale(2222))).json.data as Txn;
    await env.api("POST", "/_control/settle");
    await waitFor(() => received.find((x) => x.body.includes(t.id) && parsed(x.body).type === "transaction_update"));
    const batch = await waitFor(() => received.find((x) => parsed(x.body).type === "settlement_batch_settle"));
    expect(parsed(batch.body).data).toMatchObject({ merchant_id: env.merchantId });
  });
});

describe("control: webhook secret rotation", () => {
  test("after a rotation deliveries carry Signature (new secret) and Signature-Previous (old secret)", async () => {
    await env.api("POST", "/_control/webhook", { url: receiverUrl, secret: "second-secret" });
    const t = (await env.api("POST", "/api/transaction", sale(3131))).json.data as Txn;
    const hit = await waitFor(() =>
      received.find((x) => x.body.includes(t.id) && parsed(x.body).type === "transaction_create"),
    );
    expect(hit.headers.signature).toBe(sign("second-secret", hit.body));
    expect(hit.headers["signature-previous"]).toBe(sign("s3cret-value", hit.body));
  });
});

describe("control: faults and clock", () => {
  test("error_rate 1 on a prefix → 500 in the envelope; other paths unaffected; DELETE clears", async () => {
    const set = await env.api("POST", "/_control/faults", {
      path_prefix: "/api/terminals",
      error_rate: 1,
      latency_ms: 0,
      timeout_rate: 0,
    });
    expect(set.status).toBe(200);
    const r = await env.api("GET", "/api/terminals");
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ status: "failed", msg: "internal server error" });
    expect((await env.api("POST", "/api/transaction", sale(100))).status).toBe(200);
    const del = await env.api("DELETE", "/_control/faults", { path_prefix: "/api/terminals" });
    expect(del.json.data).toEqual({ removed: 1 });
    expect((await env.api("GET", "/api/terminals")).status).toBe(200);
  });

  test("latency_ms delays answers; faults are per account; invalid rates are 400", async () => {
    await env.api("POST", "/_control/faults", { path_prefix: "/api/terminals", latency_ms: 300 });
    const start = Date.now();
    await env.api("GET", "/api/terminals");
    expect(Date.now() - start).toBeGreaterThanOrEqual(280);
    const other = await setup("control-other");
    const s2 = Date.now();
    await other.api("GET", "/api/terminals");
    expect(Date.now() - s2).toBeLessThan(280);
    await other.s.close();
    await env.api("DELETE", "/_control/faults");
    expect((await env.api("POST", "/_control/faults", { path_prefix: "/api", error_rate: 2 })).status).toBe(400);
    expect((await env.api("POST", "/_control/faults", { error_rate: 0.5 })).status).toBe(400);
  });

  test("timeout_rate 1 holds the request (a client timeout fires first)", async () => {
    await env.api("POST", "/_control/faults", { path_prefix: "/api/terminals", timeout_rate: 1 });
    const aborted = await fetch(`${env.s.url}/sandbox/gateway/api/terminals`, {
      headers: { authorization: env.apiKey },
      signal: AbortSignal.timeout(500),
    }).then(
      () => false,
      (e: Error) => e.name === "TimeoutError",
    );
    expect(aborted).toBe(true);
    await env.api("DELETE", "/_control/faults");
  });

  test("each account has its own clock", async () => {
    const other = await setup("clock-other");
    const a = await env.api("POST", "/_control/clock", { advance_seconds: 86_400 * 30 });
    const b = await other.api("GET", "/_control/clock");
    const nowA = Date.parse((a.json.data as { now: string }).now);
    const nowB = Date.parse((b.json.data as { now: string }).now);
    expect(nowA - nowB).toBeGreaterThan(86_400_000 * 29);
    await other.s.close();
  });
});
