import { describe, expect, it } from "vitest";
import { normaliseExpiry, validRouting } from "./gateway/account";
import { hostPrefix, parseHostPrefix } from "./host";

describe("host prefixes", () => {
  it("maps <site>-uat to UAT and <site> to production, and back", () => {
    expect(parseHostPrefix("acme-uat")).toEqual({ site: "acme", environment: "uat" });
    expect(parseHostPrefix("acme")).toEqual({ site: "acme", environment: "prod" });
    expect(parseHostPrefix("-uat")).toBeUndefined();
    expect(parseHostPrefix("bad_host")).toBeUndefined();
    expect(hostPrefix("acme", "uat")).toBe("acme-uat");
    expect(hostPrefix("acme", "prod")).toBe("acme");
  });
});

describe("gateway field formats", () => {
  it("normalises MMYY, YYYYM, YYYYMM and YYYYMMDD expiries to MMYY", () => {
    expect(normaliseExpiry("1228")).toBe("1228");
    expect(normaliseExpiry("20285")).toBe("0528");
    expect(normaliseExpiry("202812")).toBe("1228");
    expect(normaliseExpiry("20281231")).toBe("1228");
    expect(normaliseExpiry(undefined)).toBeUndefined();
    for (const bad of ["12/28", "1328", "123", "1234567"]) expect(() => normaliseExpiry(bad)).toThrow();
  });

  it("checks ABA routing numbers", () => {
    expect(validRouting("036001808")).toBe(true);
    expect(validRouting("011401533")).toBe(true);
    expect(validRouting("123456789")).toBe(false);
    expect(validRouting("03600180")).toBe(false);
  });
});
