import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { clientIpFromHeaders, normaliseIp, resolveClientIp } from "./request";

/**
 * Finding 4 of the security review: the first X-Forwarded-For entry was trusted, so a client chose the address its
 * sign-in failures and audit rows were counted under. Now the peer (the socket address Next.js put in X-Forwarded-For
 * after proxy.ts moved the client's chain aside) is the client unless TRUSTED_PROXIES vouches for hops.
 */

const saved = process.env.TRUSTED_PROXIES;
afterEach(() => {
  if (saved === undefined) delete process.env.TRUSTED_PROXIES;
  else process.env.TRUSTED_PROXIES = saved;
  resetEnvCache();
});

function headers(peer: string, chain?: string): Headers {
  const h = new Headers({ "x-forwarded-for": peer });
  if (chain !== undefined) h.set("x-portal-forwarded-for", chain);
  return h;
}

describe("client address", () => {
  it("trusts no proxy by default: the connection's address, whatever the client claims", () => {
    delete process.env.TRUSTED_PROXIES;
    resetEnvCache();
    expect(clientIpFromHeaders(headers("198.51.100.4", "203.0.113.7"))).toBe("198.51.100.4");
    expect(clientIpFromHeaders(headers("::ffff:127.0.0.1", "1.1.1.1, 2.2.2.2"))).toBe("127.0.0.1");
    // The header shape the old code trusted (a client-sent first entry) no longer picks the address.
    const h = new Headers({ "x-forwarded-for": "10.0.0.9", "x-real-ip": "203.0.113.7" });
    expect(clientIpFromHeaders(h)).toBe("10.0.0.9");
  });

  it("with a hop count, takes the address that many proxies in from the right", () => {
    process.env.TRUSTED_PROXIES = "1";
    resetEnvCache();
    expect(clientIpFromHeaders(headers("10.0.0.2", "6.6.6.6, 203.0.113.7"))).toBe("203.0.113.7");
    process.env.TRUSTED_PROXIES = "2";
    resetEnvCache();
    expect(clientIpFromHeaders(headers("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.1"))).toBe("203.0.113.7");
    // Fewer hops than configured: the leftmost one seen.
    expect(clientIpFromHeaders(headers("10.0.0.2", "203.0.113.7"))).toBe("203.0.113.7");
  });

  it("with CIDRs, walks back only through trusted hops", () => {
    process.env.TRUSTED_PROXIES = "10.0.0.0/8, 192.168.1.5, fd00::/8";
    resetEnvCache();
    expect(clientIpFromHeaders(headers("10.1.2.3", "6.6.6.6, 203.0.113.7, 192.168.1.5"))).toBe("203.0.113.7");
    // An untrusted peer's claims are ignored.
    expect(clientIpFromHeaders(headers("198.51.100.4", "203.0.113.7"))).toBe("198.51.100.4");
    expect(clientIpFromHeaders(headers("fd00::1", "2001:db8::5"))).toBe("2001:db8::5");
    // Garbage in the chain stops the walk at the last trusted address.
    expect(clientIpFromHeaders(headers("10.1.2.3", "<script>"))).toBe("10.1.2.3");
  });

  it("normalises addresses and refuses what is not one", () => {
    expect(normaliseIp("::FFFF:10.0.0.1")).toBe("10.0.0.1");
    expect(normaliseIp("1.2.3.4:5678")).toBe("1.2.3.4");
    expect(normaliseIp("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normaliseIp("unknown")).toBeNull();
    expect(resolveClientIp("nonsense", ["1.2.3.4"], { hops: 1, cidrs: [] })).toBe("unknown");
    expect(clientIpFromHeaders(new Headers())).toBe("local");
    expect(clientIpFromHeaders(null)).toBe("local");
  });

  it("refuses a TRUSTED_PROXIES value that is neither a count nor addresses", async () => {
    const { parseEnv } = await import("@/lib/env");
    expect(() => parseEnv({ TRUSTED_PROXIES: "10.0.0.0/99" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseEnv({ TRUSTED_PROXIES: "load-balancer" })).toThrow(/TRUSTED_PROXIES/);
    expect(parseEnv({ TRUSTED_PROXIES: "2" }).TRUSTED_PROXIES).toEqual({ hops: 2, cidrs: [] });
  });
});
