import { describe, expect, test } from "vitest";
import { ok } from "./envelope";
import { createRouter } from "./router";
import type { Route } from "./types";

// Only auth "none" routes here, so no database is touched.
const routes: Route[] = [
  {
    method: "GET",
    path: "/api/things/:id",
    auth: "none",
    handle: async ({ params }) => ok({ id: params.id, kind: "param" }),
  },
  { method: "GET", path: "/api/things/search", auth: "none", handle: async () => ok({ kind: "literal" }) },
  {
    method: "POST",
    path: "/api/boom",
    auth: "none",
    handle: async () => {
      throw new Error("secret internal detail at /srv/app.ts:12");
    },
  },
  { method: "POST", path: "/api/echo", auth: "none", handle: async ({ body, origin }) => ok({ body, origin }) },
];
const handler = createRouter(routes);
const call = (path: string, init?: RequestInit) => handler(new Request(`http://local${path}`, init));

describe("gateway router", () => {
  test("literal segments win over parameters; params are decoded", async () => {
    expect(await (await call("/sandbox/gateway/api/things/search")).json()).toMatchObject({
      data: { kind: "literal" },
    });
    expect(await (await call("/sandbox/gateway/api/things/a%20b")).json()).toMatchObject({ data: { id: "a b" } });
  });
  test("unknown path 404, wrong method 405, both in the failed envelope", async () => {
    const nf = await call("/sandbox/gateway/api/nope");
    expect(nf.status).toBe(404);
    expect(await nf.json()).toEqual({ status: "failed", msg: "not found" });
    const na = await call("/sandbox/gateway/api/things/search", { method: "DELETE" });
    expect(na.status).toBe(405);
  });
  test("an unexpected exception is a 500 without internals", async () => {
    const r = await call("/sandbox/gateway/api/boom", { method: "POST" });
    expect(r.status).toBe(500);
    const text = await r.text();
    expect(JSON.parse(text)).toEqual({ status: "failed", msg: "internal server error" });
    expect(text).not.toContain("secret");
    expect(r.headers.get("x-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
  test("JSON bodies are parsed, malformed JSON is a 400; origin honours x-forwarded-*", async () => {
    const r = await call("/sandbox/gateway/api/echo", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-host": "portal.example",
        "x-forwarded-proto": "https",
      },
      body: JSON.stringify({ a: 1 }),
    });
    expect(await r.json()).toMatchObject({ data: { body: { a: 1 }, origin: "https://portal.example" } });
    const bad = await call("/sandbox/gateway/api/echo", { method: "POST", body: "{" });
    expect(bad.status).toBe(400);
  });
});
