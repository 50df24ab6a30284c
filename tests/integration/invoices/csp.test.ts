import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { fluidpayTokenizerConfig } from "@/lib/gateway/fluidpay/adapter";

/** The pay page's response headers as Next.js serves them (the e2e suite checks them on the wire too). */
describe("pay page security headers", () => {
  it("sets a strict Content-Security-Policy on /pay/* that admits only the tokenizer frame", async () => {
    const rules = (await nextConfig.headers?.()) ?? [];
    const pay = rules.find((r) => r.source === "/pay/:path*");
    expect(pay).toBeDefined();
    const h = Object.fromEntries((pay?.headers ?? []).map((x) => [x.key.toLowerCase(), x.value]));
    const csp = h["content-security-policy"] ?? "";
    const directives = Object.fromEntries(
      csp.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives["default-src"]).toEqual(["'self'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["base-uri"]).toEqual(["'none'"]);
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    expect(directives["connect-src"]).toEqual(["'self'"]);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/(^|\s)\*(\s|;|$)/);
    // The production tokenizer's script and frame are the only third party.
    const prod = new URL(fluidpayTokenizerConfig("https://app.fluidpay.com/api", "pub_x").scriptUrl).origin;
    expect(directives["frame-src"]).toContain(prod);
    expect(directives["script-src"]).toContain(prod);
    for (const d of ["frame-src", "script-src"]) {
      for (const v of directives[d] ?? [])
        expect(v).toMatch(/^('self'|'unsafe-inline'|https:\/\/[a-z.]+\.fluidpay\.com)$/);
    }
    // The token is in the URL: no referrer leaves the page, nothing is cached or indexed.
    expect(h["referrer-policy"]).toBe("no-referrer");
    expect(h["cache-control"]).toBe("no-store");
    expect(h["x-robots-tag"]).toContain("noindex");
  });
});
