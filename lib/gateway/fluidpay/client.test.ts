import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Declined, InvalidRequest, NotFound, Unauthorized, Unavailable } from "../errors";
import { createFluidPayAdapter } from "./adapter";
import { FluidPayClient } from "./client";

const fixtureText = (name: string) =>
  readFileSync(path.join(import.meta.dirname, "../../../tests/fixtures/fluidpay", `${name}.json`), "utf8");

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  hadSignal: boolean;
}

/** A scripted fetch: answers in order, records what it was asked. */
function scripted(answers: Array<Response | "timeout" | "network">) {
  const seen: Seen[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const next = answers.shift();
    seen.push({
      url: String(input),
      method: init?.method ?? "GET",
      headers: Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>)),
      body: typeof init?.body === "string" ? init.body : null,
      hadSignal: init?.signal instanceof AbortSignal,
    });
    if (!next) throw new Error("no scripted answer left");
    if (next === "network") throw new TypeError("fetch failed");
    if (next === "timeout") {
      // Behave like a hung server: settle only when the caller's timeout signal fires.
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    }
    return next;
  }) as typeof fetch;
  return { fetchFn, seen };
}

const json = (status: number, body: unknown) =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "x-correlation-id": "corr-1" },
  });

const anyEnvelope = z.object({ status: z.string(), data: z.unknown() });
const noSleep = async () => {};

function client(answers: Array<Response | "timeout" | "network">, timeoutMs = 1000) {
  const s = scripted(answers);
  const c = new FluidPayClient({
    baseUrl: "https://gw.test/api/",
    apiKey: "api_secret",
    fetch: s.fetchFn,
    sleep: noSleep,
    timeoutMs,
  });
  return { c, seen: s.seen };
}

describe("FluidPayClient", () => {
  it("sends the raw private key, JSON, and a timeout signal on every call", async () => {
    const { c, seen } = client([json(200, { status: "success", data: null })]);
    await c.json({ method: "POST", path: "/transaction/search", body: { limit: 1 }, readOnly: true }, anyEnvelope);
    expect(seen[0]).toMatchObject({
      url: "https://gw.test/api/transaction/search",
      method: "POST",
      body: '{"limit":1}',
      hadSignal: true,
    });
    expect(seen[0]?.headers.Authorization).toBe("api_secret");
    expect(seen[0]?.headers["Content-Type"]).toBe("application/json");
  });

  it("retries a read after a 503 and a network error, then succeeds", async () => {
    const { c, seen } = client([json(503, { msg: "busy" }), "network", json(200, { status: "success", data: 1 })]);
    const r = await c.json({ method: "GET", path: "/terminals" }, anyEnvelope);
    expect(r.data).toBe(1);
    expect(seen).toHaveLength(3);
  });

  it("never retries a write without an idempotency key, and flags the outcome as unknown", async () => {
    const { c, seen } = client([json(500, { status: "failed", msg: "internal" }), json(200, {})]);
    const err = await c.json({ method: "POST", path: "/transaction/abc/void", body: {} }, anyEnvelope).catch((e) => e);
    expect(err).toBeInstanceOf(Unavailable);
    expect((err as Unavailable).maybeProcessed).toBe(true);
    expect((err as Unavailable).correlationId).toBe("corr-1");
    expect(seen).toHaveLength(1);
  });

  it("retries a charge only with its idempotency key, sending the same key each time", async () => {
    const { c, seen } = client(["timeout", json(502, {}), json(200, { status: "success", data: "ok" })], 30);
    const body = { type: "sale", amount: 100, idempotency_key: "intent-42" };
    const r = await c.json({ method: "POST", path: "/transaction", body, idempotencyKey: "intent-42" }, anyEnvelope);
    expect(r.data).toBe("ok");
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => JSON.parse(s.body ?? "{}").idempotency_key))).toEqual(new Set(["intent-42"]));
  });

  it("gives up after the retry budget with a retryable timeout", async () => {
    const { c, seen } = client(["timeout", "timeout", "timeout"], 20);
    const err = await c.json({ method: "GET", path: "/transaction/x" }, anyEnvelope).catch((e) => e);
    expect(err).toBeInstanceOf(Unavailable);
    expect(err).toMatchObject({ reason: "timeout", retryable: true, maybeProcessed: false });
    expect(seen).toHaveLength(3);
  });

  it("maps 4xx answers: field errors from the message, 401, 404, and a 200 'failed' envelope", async () => {
    const bad = await client([json(400, JSON.parse(fixtureText("failure-invalid-postal-code")))])
      .c.json({ method: "POST", path: "/transaction", body: {}, idempotencyKey: "k" }, anyEnvelope)
      .catch((e) => e);
    expect(bad).toBeInstanceOf(InvalidRequest);
    expect((bad as InvalidRequest).fieldErrors).toEqual([{ field: "postalCode", message: "Postal code is invalid" }]);
    expect((bad as InvalidRequest).gatewayMessage).toBe("invalid Postal Code");

    const unauth = await client([json(401, { status: "failed", msg: "unauthorized" })])
      .c.json({ method: "GET", path: "/terminals" }, anyEnvelope)
      .catch((e) => e);
    expect(unauth).toBeInstanceOf(Unauthorized);

    const missing = await client([json(404, { status: "failed", msg: "transaction not found" })])
      .c.json({ method: "GET", path: "/transaction/nope" }, anyEnvelope)
      .catch((e) => e);
    expect(missing).toBeInstanceOf(NotFound);

    const failed200 = await client([json(200, { status: "failed", msg: "amount is required" })])
      .c.json({ method: "POST", path: "/recurring/plan", body: {} }, anyEnvelope)
      .catch((e) => e);
    expect(failed200).toBeInstanceOf(InvalidRequest);
    expect((failed200 as InvalidRequest).fieldErrors).toEqual([{ field: "amount", message: "Amount is required" }]);
  });

  it("turns a response that breaks the schema into a non-retried bad_response", async () => {
    const { c, seen } = client([json(200, { status: "success", data: { nope: true } }), json(200, {})]);
    const strict = z.object({ status: z.string(), data: z.object({ id: z.string() }) });
    const err = await c.json({ method: "GET", path: "/transaction/x" }, strict).catch((e) => e);
    expect(err).toMatchObject({ kind: "unavailable", reason: "bad_response", retryable: false });
    expect(String((err as Error).message)).toContain("data.id");
    expect((err as Unavailable).maybeProcessed).toBe(false);
    expect(seen).toHaveLength(1);
    // A 2xx to a write that we cannot read still means the gateway acted.
    const write = await client([json(200, "<html>proxy</html>")])
      .c.json({ method: "POST", path: "/transaction", body: {}, idempotencyKey: "k" }, strict)
      .catch((e) => e);
    expect(write).toMatchObject({ reason: "bad_response", maybeProcessed: true });
  });
});

describe("FluidPay adapter over a scripted gateway", () => {
  const adapter = (answers: Array<Response | "timeout" | "network">) => {
    const s = scripted(answers);
    const a = createFluidPayAdapter({
      baseUrl: "https://gw.test/api",
      apiKey: "api_secret",
      publicKey: "pub_public",
      fetch: s.fetchFn,
      backoffMs: 1,
    });
    return { a, seen: s.seen };
  };

  it("throws Declined for an HTTP 200 decline, carrying the declined transaction", async () => {
    const { a } = adapter([json(200, JSON.parse(fixtureText("sale-declined")))]);
    const err = await a.transactions
      .create({ type: "sale", amount: 1299, idempotencyKey: "k1", source: { kind: "token", token: "t" } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(Declined);
    expect((err as Declined).reason).toBe("Insufficient funds");
    expect((err as Declined).transaction?.status).toBe("declined");
  });

  it("refuses a charge without an idempotency key before calling the gateway", async () => {
    const { a, seen } = adapter([]);
    const err = await a.transactions
      .create({ type: "sale", amount: 100, idempotencyKey: " ", source: { kind: "token", token: "t" } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(InvalidRequest);
    expect(seen).toHaveLength(0);
  });

  it("void answers data:null, so the adapter re-reads the transaction (one-element array)", async () => {
    const { a, seen } = adapter([
      json(200, JSON.parse(fixtureText("void"))),
      json(200, JSON.parse(fixtureText("get-transaction"))),
    ]);
    const t = await a.transactions.void("b7kgflt1tlv51er0fts0");
    expect(t.id).toBe("b7kgflt1tlv51er0fts0");
    expect(seen.map((s) => `${s.method} ${new URL(s.url).pathname}`)).toEqual([
      "POST /api/transaction/b7kgflt1tlv51er0fts0/void",
      "GET /api/transaction/b7kgflt1tlv51er0fts0",
    ]);
  });

  it("reads file batch status as a bare object and gives the browser only the public key", async () => {
    const { a } = adapter([json(200, JSON.parse(fixtureText("filebatch-status")))]);
    expect(await a.fileBatches.get("b1")).toMatchObject({ status: "completed", processedLines: 1 });
    const cfg = a.tokenizerConfig();
    expect(cfg).toEqual({
      family: "fluidpay",
      scriptUrl: "https://gw.test/tokenizer/tokenizer.js",
      url: "https://gw.test",
      publicKey: "pub_public",
      paymentTypes: ["card", "ach"],
    });
    expect(JSON.stringify(cfg)).not.toContain("api_secret");
  });
});
