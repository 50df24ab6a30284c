import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { merchants } from "@/db/schema";
import { runAsSession, type SessionClaims } from "@/lib/auth/session";
import { connectSandbox } from "@/tests/helpers/sandbox-merchant";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import { guardOf, listRouteHandlers, type RouteHandler } from "@/tests/helpers/registry";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";
import { type Digester, tenantDigester } from "./digest";
import { fcOptions, hostileRecord, hostileSegment, INJECTIONS, MB_STRING, preview, UNICODE } from "./hostile";
import { openForFile } from "@/tests/helpers/for-file";

/**
 * Hostile requests against EVERY route handler under app/api (enumerated from the file system), called
 * in-process with a Web Request as Next.js would, by an authorised member of the right tenant where the route is
 * guarded: hostile path segments, query strings, headers and bodies (malformed JSON, 1 MB strings, multipart
 * with hostile files, wrong content types, lying content-length).
 *
 * Property: the handler never throws and never answers 5xx; a 4xx stores nothing for the tenant. FUZZ_SEED and
 * FUZZ_RUNS as in hostile.ts (`FUZZ_RUNS=300 npx vitest run --project unit tests/integration/fuzz/routes.fuzz.test.ts`).
 */

let t: Tenants;
let digester: Digester;

openForFile(servePortalOrigin);
beforeAll(async () => {
  t = await makeTenants("fluidpay");
  await connectSandbox(t.merchantA, "Route Fuzz", "fluidpay");
  digester = await tenantDigester({
    merchantIds: [t.merchantA, t.merchantB],
    partnerIds: [t.partnerId, t.otherPartnerId],
    userIds: [t.adminA, t.staffA, t.adminB, t.partnerAdmin, t.agent, t.otherPartnerAdmin].map((u) => u.id),
  });
});

const routes = await listRouteHandlers();

const text = fc.oneof(fc.constantFrom(...INJECTIONS, ...UNICODE), fc.string({ maxLength: 30 }));

const hostileQuery = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom("from", "to", "status", "q", "page", "batch", "__proto__"), text), text), {
    maxLength: 5,
  })
  .map((pairs) => {
    const q = new URLSearchParams();
    for (const [k, v] of pairs) q.append(k, v);
    return q.toString();
  });

type Body = { body?: BodyInit; headers: Record<string, string> };

const csvRows = fc
  .array(fc.array(fc.oneof(text, fc.constantFrom("4111111111111111", "12/30", "sale", "1.00")), { maxLength: 6 }), {
    maxLength: 5,
  })
  .map((rows) => ["type,amount,cc_number,cc_exp", ...rows.map((r) => r.join(","))].join("\n"));

const hostileBody: fc.Arbitrary<Body> = fc.oneof(
  fc.constant<Body>({ headers: {} }),
  hostileRecord(["file", "type", "amount"], {}).map((r) => ({
    body: JSON.stringify(r, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)),
    headers: { "content-type": "application/json" },
  })),
  fc.constantFrom<Body>(
    { body: "{", headers: { "content-type": "application/json" } },
    { body: MB_STRING, headers: { "content-type": "application/json" } },
    { body: "a=1&a=2&__proto__[x]=1", headers: { "content-type": "application/x-www-form-urlencoded" } },
    { body: "--x\r\nbroken", headers: { "content-type": "multipart/form-data; boundary=x" } },
    { body: "x", headers: { "content-type": "multipart/form-data" } },
    { body: "short", headers: { "content-type": "text/plain", "content-length": "999999999" } },
  ),
  fc
    .tuple(csvRows, fc.constantFrom("batch.csv", "../../etc/passwd", "evil.html", "\u202Egpj.csv", "a\u0000b.csv"))
    .map(([csv, name]) => {
      const fd = new FormData();
      fd.append("file", new File([csv], name, { type: "text/csv" }));
      return { body: fd, headers: {} };
    }),
  fc.constant(0).map(() => {
    const fd = new FormData();
    fd.append("file", "not a file");
    fd.append("file", new File([new Uint8Array([0, 255, 254, 0, 10])], "bin.csv"));
    return { body: fd, headers: {} };
  }),
);

const hostileHeaders = fc.dictionary(
  fc.constantFrom("x-forwarded-for", "cookie", "origin", "accept", "signature", "x-webhook-event-id", "range"),
  fc.oneof(
    fc.constantFrom("' OR 1=1 --", "../../", "😀", "1.2.3.4, 5.6.7.8", "bytes=0-1,2-3", "a".repeat(8000)),
    fc.string({ maxLength: 20 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
  ),
  { maxKeys: 3 },
);

function paramsFor(file: string, segment: (name: string) => string | string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of file.matchAll(/\[(\.\.\.)?(\w+)\]/g)) out[m[2] as string] = segment(m[2] as string);
  return out;
}

describe("hostile input: every route handler", () => {
  it("enumerates the routes", () => {
    expect(routes.length).toBeGreaterThan(10);
  });

  for (const { file, method, handler } of routes) {
    it(
      `${method} ${file} answers hostile requests with 2xx/4xx and stores nothing on 4xx`,
      { timeout: 120_000 },
      async () => {
        const info = guardOf(handler);
        const claims: SessionClaims | null =
          info?.kind === "merchant" ? t.adminA.claims : info?.kind === "partner" ? t.partnerAdmin.claims : null;
        await fc.assert(
          fc.asyncProperty(
            fc.array(hostileSegment, { minLength: 1, maxLength: 3 }),
            hostileQuery,
            hostileHeaders,
            hostileBody,
            async (segments, query, headers, body) => {
              const params = paramsFor(file, (name) =>
                name === "merchantId"
                  ? t.merchantA
                  : name === "partnerId"
                    ? t.partnerId
                    : name === "nextauth"
                      ? segments
                      : (segments[0] as string),
              );
              const path = file
                .replace(/^\/app/, "")
                .replace(/\/route\.ts$/, "")
                .replace(/\[(?:\.\.\.)?(\w+)\]/g, (_m, name: string) => {
                  const v = params[name];
                  return (Array.isArray(v) ? v : [v])
                    .map((x) => encodeURIComponent(String(x).replace(/[\uD800-\uDFFF]/gu, "\uFFFD")))
                    .join("/");
                });
              const hasBody = method !== "GET" && method !== "HEAD";
              const req = new Request(`http://localhost${path}?${query}`, {
                method,
                // Header values arrive as bytes: UTF-8 text is seen as Latin-1, as Node's HTTP parser delivers it.
                headers: Object.fromEntries(
                  Object.entries({ ...headers, ...(hasBody ? body.headers : {}) }).map(([k, v]) => [
                    k,
                    Buffer.from(v, "utf8").toString("latin1"),
                  ]),
                ),
                body: hasBody ? body.body : undefined,
              });
              const before = await digester.digest();
              let res: Response;
              try {
                res = await runAsSession(claims, () =>
                  (handler as RouteHandler)(req, { params: Promise.resolve(params) }),
                );
              } catch (err) {
                throw new Error(`${method} ${file} threw: ${(err as Error)?.stack ?? String(err)}`);
              }
              const bodyText = await res.text();
              expect(
                res.status,
                `${method} ${file} → ${res.status}: ${bodyText.slice(0, 300)} for ${preview(params)}`,
              ).toBeLessThan(500);
              expect(({} as Record<string, unknown>).polluted, "Object.prototype polluted").toBeUndefined();
              if (res.status >= 400)
                expect(await digester.digest(), `${method} ${file} stored something on ${res.status}`).toEqual(before);
            },
          ),
          fcOptions(),
        );
      },
    );
  }
});

describe("route guard: path ids", () => {
  it("an id that cannot exist is 404, not 500: malformed ids stop at the guard, non-UUIDs at the database", async () => {
    const { GET } = await import("@/app/api/partner/[partnerId]/applications/[applicationId]/status/route");
    const { GET: batch } = await import("@/app/api/m/[merchantId]/file-batches/[batchId]/route");
    const call = (route: RouteHandler, claims: SessionClaims, params: Record<string, string>) =>
      runAsSession(claims, () => route(new Request("http://localhost/x"), { params: Promise.resolve(params) }));
    for (const applicationId of ["", "../../etc", "' OR 1=1 --", "abc", "x".repeat(129)]) {
      const res = await call(GET as RouteHandler, t.partnerAdmin.claims, { partnerId: t.partnerId, applicationId });
      expect(res.status, applicationId).toBe(404);
    }
    for (const batchId of ["", "%00", "abc"]) {
      const res = await call(batch as RouteHandler, t.adminA.claims, { merchantId: t.merchantA, batchId });
      expect(res.status, batchId).toBe(404);
    }
  });
});

describe("route guard: NUL in the query string", () => {
  it("is a 400 for every CSV export with a search (regression: PostgreSQL refused the query, 500); page filters drop it", async () => {
    const cases: [string, SessionClaims, Record<string, string>][] = [
      ["/app/api/m/[merchantId]/invoices.csv/route.ts", t.adminA.claims, { merchantId: t.merchantA }],
      ["/app/api/m/[merchantId]/subscriptions.csv/route.ts", t.adminA.claims, { merchantId: t.merchantA }],
      ["/app/api/m/[merchantId]/transactions.csv/route.ts", t.adminA.claims, { merchantId: t.merchantA }],
      ["/app/api/partner/[partnerId]/portfolio.csv/route.ts", t.partnerAdmin.claims, { partnerId: t.partnerId }],
    ];
    for (const [file, claims, params] of cases) {
      const route = routes.find((r) => r.file === file && r.method === "GET");
      expect(route, file).toBeDefined();
      const res = await runAsSession(claims, () =>
        (route as { handler: RouteHandler }).handler(new Request("http://localhost/x.csv?q=nul%00byte&status=%00"), {
          params: Promise.resolve(params),
        }),
      );
      expect(res.status, file).toBe(400);
    }
    const { invoiceFiltersSchema } = await import("@/lib/validations/invoices");
    const { portfolioFilters } = await import("@/lib/validations/partners");
    expect(invoiceFiltersSchema.parse({ q: " a\u0000b " }).q).toBe("ab");
    expect(portfolioFilters.parse({ q: "a\u0000b" }).q).toBe("ab");
  });
});

describe("CSV exports", () => {
  it("a merchant named like a formula is exported as text (portfolio.csv through the route handler)", async () => {
    const { parse } = await import("csv-parse/sync");
    const { GET } = await import("@/app/api/partner/[partnerId]/portfolio.csv/route");
    const names = ['=HYPERLINK("http://evil.test","x")', "+SUM(1+1)", "-2+3", "@cmd", "\t=1"];
    await getDb()
      .insert(merchants)
      .values(names.map((name) => ({ partnerId: t.partnerId, name, gateway: "fluidpay" as const })));
    const res = await runAsSession(t.partnerAdmin.claims, () =>
      (GET as RouteHandler)(new Request(`http://localhost/api/partner/${t.partnerId}/portfolio.csv`), {
        params: Promise.resolve({ partnerId: t.partnerId }),
      }),
    );
    expect(res.status).toBe(200);
    const rows = parse(await res.text()) as string[][];
    const exported = rows.slice(1).map((r) => r[1] as string);
    for (const name of names) expect(exported).toContain(`'${name}`);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^(?:[\t\r]|\s*[=+@]|-(?!\d+(\.\d+)?$))/);
  });
});

describe("route guard: body size", () => {
  const upload = async (body: BodyInit, headers: Record<string, string> = {}) => {
    const { POST } = await import("@/app/api/m/[merchantId]/file-batches/route");
    return runAsSession(t.adminA.claims, () =>
      (POST as RouteHandler)(
        new Request(`http://localhost/api/m/${t.merchantA}/file-batches`, {
          method: "POST",
          headers,
          body,
          duplex: "half",
        } as RequestInit),
        { params: Promise.resolve({ merchantId: t.merchantA }) },
      ),
    );
  };
  /** A chunked body of `bytes` bytes that counts how much of it was read. */
  const stream = (bytes: number) => {
    const counter = { sent: 0 };
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (counter.sent >= bytes) return c.close();
        const chunk = new Uint8Array(Math.min(64 * 1024, bytes - counter.sent)).fill(97);
        counter.sent += chunk.byteLength;
        c.enqueue(chunk);
      },
    });
    return { body, counter };
  };

  it("a declared body over the limit is 413 before anything is read; a chunked one without a length is cut off with a 4xx", async () => {
    const { MAX_ROUTE_BODY_BYTES } = await import("@/lib/auth/route");
    const before = await digester.digest();
    const declared = await upload("x", { "content-length": String(MAX_ROUTE_BODY_BYTES + 1) });
    expect(declared.status).toBe(413);
    const big = stream(40 * 1024 * 1024);
    const chunked = await upload(big.body, { "content-type": "multipart/form-data; boundary=x" });
    expect(chunked.status).toBeGreaterThanOrEqual(400);
    expect(chunked.status).toBeLessThan(500);
    // Reading stopped at the cap instead of buffering all 40 MB.
    expect(big.counter.sent).toBeLessThan(MAX_ROUTE_BODY_BYTES + 1024 * 1024);
    expect(await digester.digest()).toEqual(before);
  });

  it("a small upload under the limit still reaches the handler (streamed through the cap)", async () => {
    const fd = new FormData();
    fd.append(
      "file",
      new File(['"transaction_type","customer_id","amount"\n"sale","nosuchcustomer","100"\n'], "b.csv"),
    );
    const res = await upload(fd);
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ id: expect.any(String) });
  });
});
