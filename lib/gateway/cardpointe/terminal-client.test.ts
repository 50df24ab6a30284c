import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InvalidRequest, Unavailable } from "@/lib/gateway/errors";
import { TerminalApiError, TerminalClient } from "./terminal-client";

/**
 * The Integrated Terminal client on the one sender, against a real HTTP server on loopback that answers what each
 * test queues: documented 500 + errorCode answers are read (never retried as outages), reads are retried on a
 * proxy's 503, device and auth commands are sent once.
 */
type Answer = { status: number; body?: string };
let queue: Answer[] = [];
let seen: { url: string; body: string; auth: string | undefined; session: string | undefined }[] = [];
let server: http.Server;
let client: TerminalClient;

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    seen.push({
      url: req.url ?? "",
      body: Buffer.concat(chunks).toString(),
      auth: req.headers.authorization,
      session: req.headers["x-cardconnect-sessionkey"] as string | undefined,
    });
    const a = queue.shift() ?? { status: 200, body: "" };
    res.writeHead(a.status, { "Content-Type": "application/json" });
    res.end(a.body ?? "");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  client = new TerminalClient({
    baseUrl: `http://127.0.0.1:${port}/api/v3/`,
    apiKey: "key-1",
    merchid: "496160873888",
  });
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
  queue = [];
  seen = [];
});

describe("TerminalClient.call", () => {
  it("posts the merchant id, the raw API key and the session key", async () => {
    queue.push({ status: 200, body: JSON.stringify({ connected: true }) });
    const { body } = await client.call("ping", { hsn: "C032UQ03960394" }, { session: "sess-9", version: "v1" });
    expect(body).toEqual({ connected: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe("/api/v1/ping");
    expect(JSON.parse(seen[0]!.body)).toEqual({ merchantId: "496160873888", hsn: "C032UQ03960394" });
    expect(seen[0]!.auth).toBe("key-1");
    expect(seen[0]!.session).toBe("sess-9");
  });

  it("reads a documented 500 errorCode answer once, as the terminal's answer", async () => {
    queue.push({ status: 500, body: JSON.stringify({ errorCode: 7, errorMessage: "Terminal in use" }) });
    const err = await client.call("authCard", { hsn: "H1", amount: "100" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TerminalApiError);
    expect(err).toMatchObject({ status: 500, errorCode: 7, errorMessage: "Terminal in use" });
    expect(seen).toHaveLength(1);
  });

  it("retries a read through a proxy's 503 and returns the answer", async () => {
    queue.push({ status: 503 }, { status: 503 }, { status: 200, body: JSON.stringify({ terminals: ["H1"] }) });
    const { body } = await client.call("listTerminals", {});
    expect(body).toEqual({ terminals: ["H1"] });
    expect(seen).toHaveLength(3);
  });

  it("sends an auth once; a 503 after it left may have charged the card", async () => {
    queue.push({ status: 503 }, { status: 200, body: "{}" });
    const err = await client.call("authCard", { hsn: "H1", amount: "100" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Unavailable);
    expect((err as Unavailable).maybeProcessed).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it("sends a device command once; its outage is not a possible money movement", async () => {
    queue.push({ status: 502 }, { status: 200, body: "{}" });
    const err = await client.call("display", { hsn: "H1", text: "Hello" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Unavailable);
    expect((err as Unavailable).maybeProcessed).toBe(false);
    expect(seen).toHaveLength(1);
  });

  it("maps a 400 with an errorCode to a field-level invalid request", async () => {
    queue.push({ status: 400, body: JSON.stringify({ errorCode: 3, errorMessage: "Invalid format" }) });
    const err = await client.call("readInput", { hsn: "H1", prompt: "Phone", format: "NOPE" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRequest);
    expect((err as Error).message).toContain("Invalid format");
  });
});
