import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidRequest, NotFound, Unauthorized, Unavailable } from "../errors";
import { CardPointeClient } from "./client";

function fakeFetch(answers: Array<() => Response | Promise<Response>>) {
  const calls: Array<{ url: string; method: string; auth: string | null; body: string | null }> = [];
  const f: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    calls.push({
      url: String(input),
      method: init?.method ?? "GET",
      auth: headers.get("authorization"),
      body: typeof init?.body === "string" ? init.body : null,
    });
    const next = answers.shift();
    if (!next) throw new Error("unexpected call");
    return next();
  };
  return { f, calls };
}

const client = (f: typeof fetch) =>
  new CardPointeClient({
    baseUrl: "https://fts-uat.cardconnect.com/cardconnect/rest/",
    username: "testing",
    password: "testing123",
    fetch: f,
    sleep: async () => {},
  });
const any = z.record(z.string(), z.unknown());
const json = (v: unknown, status = 200) => new Response(JSON.stringify(v), { status });

async function caught(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

describe("CardPointeClient", () => {
  it("sends Basic auth per site and PUT for writes", async () => {
    const { f, calls } = fakeFetch([() => json({ respstat: "A" })]);
    await client(f).write({ path: "/auth", body: { merchid: "1", amount: "1.00" } }, any);
    expect(calls[0]).toMatchObject({
      url: "https://fts-uat.cardconnect.com/cardconnect/rest/auth",
      method: "PUT",
      auth: `Basic ${Buffer.from("testing:testing123").toString("base64")}`,
    });
    expect(JSON.parse(calls[0]!.body!)).toEqual({ merchid: "1", amount: "1.00" });
  });

  it("retries reads on 5xx and 429, never writes", async () => {
    const r = fakeFetch([() => new Response("Internal Server Error", { status: 500 }), () => json({ ok: 1 })]);
    expect(await client(r.f).get({ path: "/inquire/1/2" }, any)).toEqual({ ok: 1 });
    expect(r.calls).toHaveLength(2);

    const w = fakeFetch([() => new Response("Internal Server Error", { status: 500 })]);
    const err = await caught(client(w.f).write({ path: "/auth", body: {} }, any));
    expect(err).toBeInstanceOf(Unavailable);
    expect((err as Unavailable).maybeProcessed).toBe(true);
    expect(w.calls).toHaveLength(1);

    const limited = fakeFetch([() => new Response("Too Many Requests", { status: 429 })]);
    const rl = await caught(client(limited.f).write({ path: "/auth", body: {} }, any));
    expect(rl).toMatchObject({ reason: "rate_limited", maybeProcessed: false });
  });

  it("flags a write whose answer never came as maybe processed", async () => {
    const t = fakeFetch([() => Promise.reject(Object.assign(new Error("timeout"), { name: "TimeoutError" }))]);
    const err = await caught(client(t.f).write({ path: "/auth", body: {} }, any));
    expect(err).toMatchObject({ reason: "timeout", maybeProcessed: true });
  });

  it("maps HTTP errors to domain errors without echoing card numbers", async () => {
    expect(
      await caught(client(fakeFetch([() => new Response("", { status: 401 })]).f).get({ path: "/" }, any)),
    ).toBeInstanceOf(Unauthorized);
    expect(
      await caught(client(fakeFetch([() => new Response("", { status: 404 })]).f).get({ path: "/x" }, any)),
    ).toBeInstanceOf(NotFound);
    const bad = await caught(
      client(fakeFetch([() => new Response("bad account 4111111111111111", { status: 400 })]).f).write(
        { path: "/auth" },
        any,
      ),
    );
    expect(bad).toBeInstanceOf(InvalidRequest);
    expect((bad as InvalidRequest).message).not.toContain("4111111111111111");
    const garbage = await caught(
      client(fakeFetch([() => new Response("<html>", { status: 200 })]).f).get({ path: "/x" }, any),
    );
    expect(garbage).toMatchObject({ reason: "bad_response" });
  });
});
