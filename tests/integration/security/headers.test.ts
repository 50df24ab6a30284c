import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import ErrorPage from "@/components/shell/error-page";
import GlobalError from "@/app/global-error";
import nextConfig from "@/next.config";
import { proxy } from "@/proxy";
import { errorResponse } from "@/lib/auth/route";
import { resetEnvCache } from "@/lib/env";
import { fluidpayTokenizerConfig } from "@/lib/gateway/fluidpay/adapter";
import { cardpointeRoots, cardpointeUrls } from "@/lib/gateway/cardpointe/urls";
import { contentSecurityPolicy, securityHeaders } from "@/lib/security/headers";
import { directives } from "@/tests/helpers/csp";

/**
 * Item 8 of issue #10: the headers proxy.ts puts on every response (called directly here; the e2e spec
 * tests/e2e/foundation/headers.spec.ts checks them on the wire in a browser), and error pages that reveal nothing.
 */

const saved = { ...process.env };
afterEach(() => {
  for (const k of ["APP_URL", "SANDBOX", "NODE_ENV", "TOKENIZER_ORIGINS"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetEnvCache();
});

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

function call(path: string) {
  return proxy(new NextRequest(new URL(path, "http://127.0.0.1:3000")));
}

function nonceOf(csp: string): string {
  const m = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp);
  if (!m?.[1]) throw new Error(`no nonce in ${csp}`);
  return m[1];
}

describe("hostile query strings", () => {
  it("a NUL in the query string is 400 on every path, with the security headers; other queries pass", async () => {
    for (const path of ["/m/x/customers?q=%00", "/m/x/customers?q=a%00b", "/pay/tok?x=1&q=%00", "/api/health?a=%00"]) {
      const res = call(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
    expect(call("/m/x/customers?q=100%25").status).toBe(200);
  });
});

describe("Content-Security-Policy with per-request nonces", () => {
  it("gives every portal page a fresh nonce, 'strict-dynamic' and no inline script, and hands it to Next.js", () => {
    setEnv({ APP_URL: "http://127.0.0.1:3000", SANDBOX: "on" });
    const seen = new Set<string>();
    for (const path of ["/login", "/m/00000000-0000-4000-8000-000000000000/transactions", "/partner", "/"]) {
      const res = call(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      const d = directives(csp);
      const nonce = nonceOf(csp);
      expect(nonce.length).toBeGreaterThanOrEqual(22);
      seen.add(nonce);
      expect(d["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
      expect(d["script-src"]).not.toContain("'unsafe-inline'");
      expect(d["script-src"]).not.toContain("'unsafe-eval'");
      expect(d["style-src"]).toEqual(["'self'", `'nonce-${nonce}'`]);
      expect(d["frame-ancestors"]).toEqual(["'none'"]);
      expect(d["base-uri"]).toEqual(["'none'"]);
      expect(d["object-src"]).toEqual(["'none'"]);
      expect(d["form-action"]).toEqual(["'self'"]);
      expect(d["default-src"]).toEqual(["'self'"]);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
      // Next.js finds the nonce in the request's CSP header: the proxy forwards the same policy on the request.
      expect(res.headers.get("x-middleware-override-headers")).toContain("content-security-policy");
      expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    }
    expect(seen.size).toBe(4);
  });

  it("admits only the tokenizer on the pay page: the portal's own origin in sandbox mode", () => {
    setEnv({ APP_URL: "http://127.0.0.1:3000", SANDBOX: "on", TOKENIZER_ORIGINS: undefined });
    const res = call("/pay/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    const csp = res.headers.get("content-security-policy") ?? "";
    const d = directives(csp);
    const nonce = nonceOf(csp);
    // Sandbox mode: the emulated tokenizers are served by the portal itself.
    const self = "http://127.0.0.1:3000";
    expect(d["frame-src"]).toEqual([self]);
    expect(d["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, self]);
    expect(d["script-src"]).toContain(`'nonce-${nonce}'`);
    // An explicit source list (no 'strict-dynamic', which would ignore it): this site and the tokenizers only.
    expect(d["script-src"]).not.toContain("'strict-dynamic'");
    expect(d["script-src"]).not.toContain("'unsafe-inline'");
    expect(d["connect-src"]).toEqual(["'self'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["base-uri"]).toEqual(["'none'"]);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(csp).not.toMatch(/(^|\s)\*(\s|;|$)/);
    // The link token is in the URL: no referrer leaves the page, nothing is cached or indexed.
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-robots-tag")).toContain("noindex");
    // The sandbox tokenizer URLs the adapters hand to the browser are covered by that policy.
    const fp = fluidpayTokenizerConfig(`${self}/sandbox/gateway/api`, "pub_x");
    const cp = cardpointeUrls(cardpointeRoots("sandbox", "fts", self)).itoke;
    for (const u of [fp.scriptUrl, fp.url, cp]) expect(d["frame-src"]).toContain(new URL(u).origin);
  });

  it("in production admits exactly the FluidPay and CardSecure tokenizer hosts, from configuration", () => {
    setEnv({
      APP_URL: "https://portal.example.com",
      SANDBOX: "off",
      NODE_ENV: "production",
      TOKENIZER_ORIGINS: undefined,
    });
    const pay = directives(call("/pay/tok").headers.get("content-security-policy") ?? "");
    const expected = [
      "https://app.fluidpay.com",
      "https://sandbox.fluidpay.com",
      "https://fts.cardconnect.com",
      "https://fts-uat.cardconnect.com",
    ];
    expect(pay["frame-src"]).toEqual(expected);
    expect(pay["script-src"]?.filter((s) => s.startsWith("https:"))).toEqual(expected);
    // The production adapters' tokenizer URLs are the ones admitted.
    const fp = fluidpayTokenizerConfig("https://app.fluidpay.com/api", "pub_x");
    expect(pay["script-src"]).toContain(new URL(fp.scriptUrl).origin);
    expect(pay["frame-src"]).toContain(new URL(cardpointeUrls(cardpointeRoots("production", "fts")).itoke).origin);
    expect(pay["frame-src"]).toContain(new URL(cardpointeUrls(cardpointeRoots("uat", "fts")).itoke).origin);
    // Portal pages embedding a tokenizer (virtual terminal, vault) get the same frame-src.
    const vt = directives(call("/m/x/terminal").headers.get("content-security-policy") ?? "");
    expect(vt["frame-src"]).toEqual(expected);
    expect(vt["upgrade-insecure-requests"]).toEqual([]);
    // Another CardPointe site is one setting away.
    setEnv({ TOKENIZER_ORIGINS: "https://app.fluidpay.com https://boltgw.cardconnect.com" });
    const custom = directives(call("/pay/tok").headers.get("content-security-policy") ?? "");
    expect(custom["frame-src"]).toEqual(["https://app.fluidpay.com", "https://boltgw.cardconnect.com"]);
  });

  it("keeps set-password links out of referrers and caches, and frames nothing there", () => {
    setEnv({ APP_URL: "http://127.0.0.1:3000", SANDBOX: "on" });
    const res = call("/set-password/abc");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(directives(res.headers.get("content-security-policy") ?? "")["frame-src"]).toEqual(["'none'"]);
  });

  it("locks down every response that is not a page, and leaves the sandboxes' own documents their policy", () => {
    setEnv({ APP_URL: "http://127.0.0.1:3000", SANDBOX: "on" });
    for (const path of [
      "/api/health",
      "/api/m/x/transactions.csv",
      "/_next/static/chunks/app.js",
      "/sandbox/gateway/api/transaction/x",
    ]) {
      const res = call(path);
      expect(res.headers.get("content-security-policy"), path).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      );
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      // No page policy travels on the request (there is no page to stamp a nonce on).
      expect(res.headers.get("x-middleware-request-content-security-policy"), path).toBeNull();
    }
    // Framed by merchants' own sites (tokenizers) or carrying their own policy (hosted invoice page): Next.js keeps a
    // header the proxy set over the route's, so the proxy sets none of the framing headers there.
    for (const path of [
      "/sandbox/gateway/tokenizer/x",
      "/sandbox/gateway/api/tokenizer/x",
      "/sandbox/gateway/invoice/abc",
      "/sandbox/cardpointe/fts-uat/itoke/ajax-tokenizer.html",
    ]) {
      const res = call(path);
      expect(res.headers.get("content-security-policy"), path).toBeNull();
      expect(res.headers.get("x-frame-options"), path).toBeNull();
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });

  it("gives the emulated e-signature page a policy that lets its own form post, and nothing else", () => {
    setEnv({ APP_URL: "http://127.0.0.1:3000", SANDBOX: "on" });
    const res = call("/sandbox/copilot/sign/abc");
    expect(res.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("moves a client's X-Forwarded-For aside on every request, so Next.js sets it to the socket address", () => {
    setEnv({ APP_URL: "http://127.0.0.1:3000", SANDBOX: "on" });
    for (const path of [
      "/login",
      "/api/health",
      "/pay/tok",
      "/sandbox/gateway/api/transaction/x",
      "/_next/static/a.js",
    ]) {
      const req = new NextRequest(new URL(path, "http://127.0.0.1:3000"), {
        headers: { "x-forwarded-for": "203.0.113.9, 10.0.0.2", "x-real-ip": "203.0.113.9" },
      });
      const res = proxy(req);
      const overridden = (res.headers.get("x-middleware-override-headers") ?? "").split(",");
      expect(overridden, path).not.toContain("x-forwarded-for");
      expect(overridden, path).not.toContain("x-real-ip");
      expect(res.headers.get("x-middleware-request-x-portal-forwarded-for"), path).toBe("203.0.113.9, 10.0.0.2");
    }
    // A client cannot plant the chain header itself: without X-Forwarded-For it is removed.
    const planted = proxy(
      new NextRequest(new URL("/login", "http://127.0.0.1:3000"), { headers: { "x-portal-forwarded-for": "1.2.3.4" } }),
    );
    expect((planted.headers.get("x-middleware-override-headers") ?? "").split(",")).not.toContain(
      "x-portal-forwarded-for",
    );
  });

  it("sends HSTS only in production over https", () => {
    setEnv({ APP_URL: "https://portal.example.com", SANDBOX: "off", NODE_ENV: "production" });
    expect(call("/login").headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(call("/api/health").headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    setEnv({ APP_URL: "http://127.0.0.1:3000", SANDBOX: "on", NODE_ENV: "production" });
    expect(call("/login").headers.get("strict-transport-security")).toBeNull();
  });

  it("adds eval and the HMR socket only under next dev", () => {
    const dev = directives(contentSecurityPolicy({ nonce: "n", kind: "portal", tokenizerOrigins: [], dev: true }));
    expect(dev["script-src"]).toContain("'unsafe-eval'");
    const prod = securityHeaders({
      pathname: "/login",
      nonce: "n",
      env: { NODE_ENV: "production", appUrl: "http://x", sandboxEnabled: true, TOKENIZER_ORIGINS: [] },
    });
    expect(prod.csp).not.toContain("unsafe-eval");
    expect(prod.csp).not.toContain("ws:");
  });

  it("no longer sets a static policy in next.config.ts (a static policy cannot carry a nonce)", async () => {
    expect(nextConfig.headers).toBeUndefined();
  });
});

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax, and Secure with the __Secure- prefix when APP_URL is https", async () => {
    setEnv({ APP_URL: "https://portal.example.com" });
    const { handlers } = await import("@/lib/auth/config");
    const res = await handlers.GET(new NextRequest("http://internal:3000/api/auth/csrf"));
    const cookies = res.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    // Behind a TLS-terminating proxy the request is plain http; the cookies still follow the public origin.
    for (const c of cookies) {
      expect(c).toMatch(/^__(Host|Secure)-authjs\./);
      expect(c).toMatch(/;\s*Secure/i);
      expect(c).toMatch(/;\s*HttpOnly/i);
      expect(c).toMatch(/;\s*SameSite=Lax/i);
    }
    setEnv({ APP_URL: "http://127.0.0.1:3000" });
    const plain = (await handlers.GET(new NextRequest("http://127.0.0.1:3000/api/auth/csrf"))).headers.getSetCookie();
    for (const c of plain) {
      expect(c).toMatch(/^authjs\./);
      expect(c).toMatch(/;\s*HttpOnly/i);
      expect(c).not.toMatch(/;\s*Secure/i);
    }
  });
});

describe("error pages reveal no internals", () => {
  const internal = Object.assign(new Error('relation "users" does not exist: select * from users where id = 42'), {
    digest: "1234567890",
    stack: "Error: boom\n    at query (/work/main/db/client.ts:10:5)",
  });

  for (const [name, Page] of [
    ["components/shell/error-page.tsx (the error.tsx of each route group)", ErrorPage],
    ["app/global-error.tsx", GlobalError],
  ] as const) {
    it(`${name} shows a support reference, never the message or stack`, () => {
      const html = renderToStaticMarkup(createElement(Page, { error: internal, reset: () => {} }));
      expect(html).toContain("1234567890");
      expect(html).not.toMatch(/relation|select|users|stack|db\/client|\/work\//i);
    });
  }

  it("route handlers answer an unexpected error with a generic 500 body", async () => {
    const res = errorResponse(new Error("duplicate key value violates unique constraint merchants_pkey (id)=(42)"));
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: "internal", message: "Something went wrong on our side." });
    expect(body).not.toMatch(/duplicate|constraint|merchants|42/);
  });
});
