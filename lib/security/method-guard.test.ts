import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALLOWED_METHODS, installMethodGuard } from "./method-guard";

function send(port: number, method: string): Promise<{ status: number; allow: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const r = http.request({ host: "127.0.0.1", port, method, path: "/anything?x=1" }, (m) => {
      let body = "";
      m.on("data", (c: Buffer) => (body += c.toString()));
      m.on("end", () => resolve({ status: m.statusCode ?? 0, allow: m.headers.allow, body }));
    });
    r.on("error", reject);
    r.end();
  });
}

describe("TRACE (issue 22: TRACE on any URL answered 500)", () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    installMethodGuard();
    installMethodGuard(); // idempotent
    // The handler stands in for a framework that builds a Fetch Request (which refuses TRACE) from each request.
    server = http.createServer((req, res) => {
      try {
        new Request(`http://x${req.url}`, { method: req.method });
        res.writeHead(200).end("ok");
      } catch {
        res.writeHead(500).end("failed");
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("answers 405 with an Allow header, and leaves other methods to the handler", async () => {
    const r = await send(port, "TRACE");
    expect(r.status).toBe(405);
    expect(r.allow).toBe(ALLOWED_METHODS);
    expect(r.body).not.toContain("anything");
    expect((await send(port, "GET")).status).toBe(200);
    expect((await send(port, "POST")).status).toBe(200);
  });
});
