import { readFileSync } from "node:fs";
import { IP_FAILURES } from "@/lib/auth/throttle";
import { scanArtifacts } from "@/tests/scan/dump";
import { expect, test } from "../fixtures";
import { baseUrl, query, scriptedSignIn } from "../helpers";
import { directives } from "@/tests/helpers/csp";

/**
 * Issue 16 (security review) on the wire, against the built app as `npm start` serves it (next start,
 * NODE_ENV=production, SANDBOX=on):
 * - finding 11: the security headers on every kind of response — a page, a route handler, a 404, a built asset, a
 *   sandbox API, and a sandbox tokenizer page (the one thing that must stay framable);
 * - finding 4: a client's X-Forwarded-For does not pick the address that is throttled (no TRUSTED_PROXIES here);
 * - finding 3: a production build with the sandboxes on says so on every page (seen in Chromium) and in its log.
 */

async function publicKey(): Promise<string> {
  const [row] = await query<{ public_key: string }>("select public_key from sandbox_gateway.accounts limit 1");
  if (!row) throw new Error("no sandbox gateway account");
  return row.public_key;
}

test.describe("security headers on every response", () => {
  test("page, route handler, 404, built asset and sandbox API: nosniff, referrer and permissions policies, not framable", async () => {
    const login = await fetch(`${baseUrl()}/login`);
    const html = await login.text();
    const asset = /(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/.exec(html)?.[1];
    expect(asset, "the login page links a built asset").toBeTruthy();
    const paths = [
      "/login",
      "/api/health",
      `/api/m/00000000-0000-4000-8000-000000000000/transactions.csv`,
      "/no-such-page-anywhere",
      asset as string,
      "/sandbox/gateway/api/transaction/nope",
    ];
    for (const path of paths) {
      const res = await fetch(`${baseUrl()}${path}`, { redirect: "manual" });
      await res.arrayBuffer();
      const h = res.headers;
      expect(h.get("x-content-type-options"), path).toBe("nosniff");
      expect(h.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(h.get("permissions-policy"), path).toBe("camera=(), microphone=(), geolocation=(), usb=(), payment=()");
      expect(h.get("cross-origin-opener-policy"), path).toBe("same-origin");
      expect(h.get("x-powered-by"), path).toBeNull();
      expect(h.get("x-frame-options"), path).toBe("DENY");
      const csp = directives(h.get("content-security-policy") ?? "");
      expect(csp["frame-ancestors"], path).toEqual(["'none'"]);
      // Over plain http a browser must ignore HSTS, and RFC 6797 says not to send it: only https production has it.
      expect(h.get("strict-transport-security"), path).toBeNull();
    }
    // Pages carry the nonce policy; everything else the locked-down one.
    expect(directives(login.headers.get("content-security-policy") ?? "")["script-src"]).toContain("'strict-dynamic'");
    const api = await fetch(`${baseUrl()}/api/health`);
    expect(api.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  test("the sandbox tokenizer pages stay framable by merchants' sites and keep the other headers", async () => {
    const key = await publicKey();
    for (const path of [`/sandbox/gateway/tokenizer/${key}`, `/sandbox/gateway/api/tokenizer/${key}`]) {
      const res = await fetch(`${baseUrl()}${path}`);
      expect(res.status, path).toBe(200);
      await res.text();
      const csp = directives(res.headers.get("content-security-policy") ?? "");
      expect(csp["frame-ancestors"], path).toEqual(["*"]);
      expect(res.headers.get("x-frame-options"), path).toBeNull();
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("permissions-policy"), path).toContain("camera=()");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
  });
});

test.describe("client address", () => {
  test("ignores a client's X-Forwarded-For: the failed sign-in counts against the connection's address", async () => {
    const forged = `198.51.100.${10 + (Date.now() % 200)}`;
    const before = await query<{ points: number }>("select points from rate_limits where key = 'login_ip:127.0.0.1'");
    // Every failed sign-in of the suite comes from loopback and shares this budget: the specs before this one (it
    // runs last but the crawler) must leave room, or sign-ins would start being refused as throttled.
    expect(before[0]?.points ?? 0, "failed sign-ins from 127.0.0.1 so far").toBeLessThan(IP_FAILURES);
    const res = await scriptedSignIn(
      { email: `nobody-${Date.now()}@example.test`, password: "wrong" },
      { "x-forwarded-for": forged, "x-real-ip": forged, "x-portal-forwarded-for": forged },
    );
    await res.arrayBuffer();
    expect(await query("select key from rate_limits where key like $1", [`%${forged}%`])).toEqual([]);
    const after = await query<{ points: number }>("select points from rate_limits where key = 'login_ip:127.0.0.1'");
    expect(after[0]?.points ?? 0).toBe((before[0]?.points ?? 0) + 1);
  });
});

test.describe("sandbox mode in a production build", () => {
  test("shows the banner on every page and has logged a warning", async ({ page }) => {
    for (const path of ["/login", "/forgot-password", "/no-such-page-anywhere"]) {
      await page.goto(path);
      await expect(page.getByRole("note", { name: "Sandbox mode" }), path).toContainText("SANDBOX MODE");
    }
    const log = readFileSync(scanArtifacts().serverLog, "utf8");
    expect(log).toContain("SANDBOX=on with NODE_ENV=production");
  });
});
