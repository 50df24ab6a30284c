import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Layouts are convenience, not the boundary: every page under a tenant calls the guard itself, and
 * server actions live only in lib/actions (where the action registry enumerates them).
 */
function files(dir: string, test: (f: string) => boolean): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f)).filter(test);
}

describe("page and action placement", () => {
  it("every merchant page calls requireMerchantPage", () => {
    const pages = files("app/(merchant)/m/[merchantId]", (f) => f.endsWith("page.tsx"));
    expect(pages.length).toBeGreaterThanOrEqual(12);
    const missing = pages.filter((p) => !readFileSync(p, "utf8").includes("requireMerchantPage("));
    expect(missing).toEqual([]);
  });

  it("every partner page calls requirePartnerPage", () => {
    const pages = files("app/(partner)/partner", (f) => f.endsWith("page.tsx"));
    expect(pages.length).toBeGreaterThan(0);
    const missing = pages.filter((p) => !readFileSync(p, "utf8").includes("requirePartnerPage("));
    expect(missing).toEqual([]);
  });

  it("every account page calls requireAccountPage (the user's own pages, reachable before MFA enrolment)", () => {
    const pages = files("app/account", (f) => f.endsWith("page.tsx") || f.endsWith("layout.tsx"));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const missing = pages.filter((p) => !readFileSync(p, "utf8").includes("requireAccountPage("));
    expect(missing).toEqual([]);
  });

  it('declares "use server" only in lib/actions', () => {
    const sources = ["app", "components", "lib"].flatMap((d) =>
      files(d, (f) => /\.tsx?$/.test(f) && !f.startsWith(`lib${path.sep}actions${path.sep}`)),
    );
    expect(sources.length).toBeGreaterThan(20);
    const offenders = sources.filter((f) => /^\s*["']use server["']/m.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
