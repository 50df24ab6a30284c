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

/** The body of `export … function name(` in a source file, up to the next top-level declaration. */
function functionBody(source: string, name: string): string {
  const start = source.search(new RegExp(`export (async )?function ${name}[<(]`));
  if (start < 0) return "";
  const next = source.slice(start + 1).search(/\n(export )?(async )?function /);
  return next < 0 ? source.slice(start) : source.slice(start, start + 1 + next);
}

/**
 * A page is guarded when it calls the guard (or one of the page helpers of lib/auth/page.ts that are checked below to
 * call it), or when it is a one-line re-export of a route factory (`export default factory(...).Route`) whose module
 * calls the guard in every route it makes.
 */
function unguarded(pages: string[], guards: string[]): string[] {
  const calls = (src: string) => guards.some((g) => new RegExp(`\\b${g}\\(`).test(src));
  return pages.filter((p) => {
    const src = readFileSync(p, "utf8");
    if (calls(src)) return false;
    const factory = /^import \{ (\w+) \} from "@\/([\w/-]+)";\s+export default \1\([^)]*\)\.(\w+);\s*$/m.exec(src);
    if (!factory) return true;
    const body = functionBody(readFileSync(`${factory[2]}.tsx`, "utf8"), factory[1]!);
    // The route the page exports: from `async Route(` to the next method of the factory's object.
    const route = new RegExp(`async ${factory[3]}\\([\\s\\S]*?(?=\\n    async \\w+\\(|\\n  \\};)`).exec(body);
    return !route || !calls(route[0]);
  });
}

describe("page and action placement", () => {
  it("the page helpers run the guard first", () => {
    const source = readFileSync("lib/auth/page.ts", "utf8");
    expect(functionBody(source, "merchantPage")).toMatch(/await requireMerchantPage\(/);
    expect(functionBody(source, "currentPartnerPage")).toMatch(/requirePartnerPage\(/);
  });

  it("every merchant page calls requireMerchantPage (itself or through merchantPage)", () => {
    const pages = files("app/(merchant)/m/[merchantId]", (f) => f.endsWith("page.tsx"));
    expect(pages.length).toBeGreaterThanOrEqual(12);
    expect(unguarded(pages, ["requireMerchantPage", "merchantPage"])).toEqual([]);
    // The check can fail: a file without a guard call is reported.
    expect(unguarded([pages[0]!, "lib/money.ts"], ["requireMerchantPage", "merchantPage"])).toEqual(["lib/money.ts"]);
  });

  it("every partner page calls requirePartnerPage (itself or through currentPartnerPage)", () => {
    const pages = files("app/(partner)/partner", (f) => f.endsWith("page.tsx"));
    expect(pages.length).toBeGreaterThan(0);
    expect(unguarded(pages, ["requirePartnerPage", "currentPartnerPage"])).toEqual([]);
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
