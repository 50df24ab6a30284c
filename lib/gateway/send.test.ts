import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Unavailable } from "@/lib/gateway/errors";
import { retryAfterMs, send, type SendPolicy } from "./send";

/**
 * The sender's policy against a real HTTP server on loopback: each test queues the answers the server gives, in
 * order, and reads back how many requests arrived. Sleeps are recorded instead of waited.
 */
type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };
let queue: Answer[] = [];
let seen: { method: string; body: string }[] = [];
let server: http.Server;
let base: string;
let slept: number[] = [];

const policy = (over: Partial<SendPolicy> = {}): SendPolicy => ({
  timeoutMs: 500,
  retries: 2,
  backoffMs: 100,
  sleep: async (ms) => {
    slept.push(ms);
  },
  random: () => 0.5,
  ...over,
});

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    seen.push({ method: req.method ?? "", body: Buffer.concat(chunks).toString() });
    const a = queue.shift() ?? { status: 200, body: "{}" };
    if (a.delayMs) await new Promise((r) => setTimeout(r, a.delayMs));
    if (res.destroyed) return;
    res.writeHead(a.status, a.headers ?? {});
    res.end(a.body ?? "");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  queue = [];
  seen = [];
  slept = [];
});

const get = { method: "GET" as const, retrySafe: true, label: "test GET /x" };
const charge = { method: "PUT" as const, retrySafe: false, label: "test PUT /auth", body: '{"amount":"1.00"}' };

describe("send", () => {
  it("retries a safe call on 503 with exponential backoff and jitter, then returns the answer", async () => {
    queue = [{ status: 503 }, { status: 502 }, { status: 200, body: '{"ok":true}' }];
    const r = await send({ ...get, url: `${base}/x` }, policy());
    expect(r).toMatchObject({ status: 200, ok: true, text: '{"ok":true}' });
    expect(seen).toHaveLength(3);
    // 100 ms then 200 ms, each plus half of up to half of it (random 0.5 → a quarter).
    expect(slept).toEqual([125, 250]);
  });

  it("sends an unsafe write once: a CardPointe charge on 500 is not repeated and may have been processed", async () => {
    queue = [{ status: 500, body: "boom" }, { status: 200 }];
    const err = await send({ ...charge, url: `${base}/auth`, detail: (t) => t }, policy()).catch((e) => e);
    expect(err).toBeInstanceOf(Unavailable);
    expect(err).toMatchObject({ reason: "server_error", status: 500, maybeProcessed: true, retryable: true });
    expect(err.message).toBe("test PUT /auth: HTTP 500 (boom)");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual({ method: "PUT", body: '{"amount":"1.00"}' });
  });

  it("gives up after its retries with the last transient status", async () => {
    queue = [{ status: 503 }, { status: 503 }, { status: 504 }, { status: 200 }];
    const err = await send({ ...get, url: `${base}/x` }, policy()).catch((e) => e);
    expect(err).toMatchObject({ reason: "server_error", status: 504, maybeProcessed: false });
    expect(seen).toHaveLength(3);
  });

  it("honours Retry-After on 429, in seconds or as a date", async () => {
    queue = [{ status: 429, headers: { "retry-after": "2" } }, { status: 200 }];
    await send({ ...get, url: `${base}/x` }, policy());
    expect(slept).toEqual([2000]);
    expect(seen).toHaveLength(2);
    expect(retryAfterMs(new Date(Date.now() + 3_000).toUTCString())).toBeGreaterThan(1_000);
    expect(retryAfterMs("soon")).toBeNull();
  });

  it("does not wait longer than it may: a Retry-After past the limit ends the call as rate limited", async () => {
    queue = [{ status: 429, headers: { "retry-after": "120" } }, { status: 200 }];
    const err = await send({ ...get, url: `${base}/x` }, policy({ maxRetryAfterMs: 5_000 })).catch((e) => e);
    expect(err).toMatchObject({ reason: "rate_limited", status: 429, maybeProcessed: false });
    expect(seen).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it("a 429 to an unsafe write is not retried either, and says it was not processed", async () => {
    queue = [{ status: 429, headers: { "retry-after": "1" } }];
    const err = await send({ ...charge, url: `${base}/auth` }, policy()).catch((e) => e);
    expect(err).toMatchObject({ reason: "rate_limited", maybeProcessed: false });
    expect(seen).toHaveLength(1);
  });

  it("times out each attempt, retries a safe one, and reports a timeout", async () => {
    queue = [
      { status: 200, delayMs: 400 },
      { status: 200, delayMs: 400 },
    ];
    const err = await send({ ...get, url: `${base}/x` }, policy({ timeoutMs: 100, retries: 1 })).catch((e) => e);
    expect(err).toMatchObject({ reason: "timeout", maybeProcessed: false });
    expect(seen).toHaveLength(2);
  });

  it("a timed-out write is sent once and may have been processed", async () => {
    queue = [{ status: 200, delayMs: 400 }];
    const err = await send({ ...charge, url: `${base}/auth` }, policy({ timeoutMs: 100 })).catch((e) => e);
    expect(err).toMatchObject({ reason: "timeout", maybeProcessed: true });
    expect(seen).toHaveLength(1);
  });

  it("maps a refused connection to network, after retrying a safe call", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await send({ ...get, url: `http://127.0.0.1:${port}/x` }, policy()).catch((e) => e);
    expect(err).toMatchObject({ reason: "network" });
    expect(slept).toHaveLength(2);
  });

  it("returns a 4xx for the client to read in its own format, without retrying", async () => {
    queue = [{ status: 400, body: '{"msg":"bad zip"}' }];
    const r = await send({ ...get, url: `${base}/x` }, policy());
    expect(r).toMatchObject({ status: 400, ok: false, text: '{"msg":"bad zip"}' });
    expect(seen).toHaveLength(1);
  });

  it("refuses redirects by default", async () => {
    queue = [{ status: 302, headers: { location: "/elsewhere" } }];
    const err = await send({ ...get, url: `${base}/x` }, policy({ retries: 0 })).catch((e) => e);
    expect(err).toMatchObject({ reason: "network" });
  });
});
