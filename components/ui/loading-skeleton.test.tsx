import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LoadingSkeleton } from "./loading-skeleton";

describe("LoadingSkeleton", () => {
  it("is one busy status region with a sentence for screen readers; the bars are hidden from them", () => {
    const html = renderToStaticMarkup(<LoadingSkeleton label="Loading customers…" />);
    expect(html).toMatch(/^<div role="status" aria-busy="true"/);
    expect(html).toContain('<span class="sr-only">Loading customers…</span>');
    expect(html).toContain('aria-hidden="true"');
    expect(renderToStaticMarkup(<LoadingSkeleton label="x" variant="dashboard" />)).toContain("grid-cols-4");
  });
});

/** Every file under `dir`, recursively. */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe("route loading boundaries", () => {
  const app = path.join(process.cwd(), "app");
  const loaders = walk(app).filter((f) => path.basename(f) === "loading.tsx");

  it("exist for the dashboard and the main lists", () => {
    const routes = loaders.map((f) => path.relative(app, path.dirname(f)).split(path.sep).join("/"));
    expect(routes).toEqual(
      expect.arrayContaining([
        "(merchant)/m/[merchantId]/(dashboard)",
        "(merchant)/m/[merchantId]/transactions/(list)",
        "(merchant)/m/[merchantId]/customers/(list)",
        "(merchant)/m/[merchantId]/invoices/(list)",
      ]),
    );
  });

  it("never wrap a dynamic segment (its page may answer 404, and behind a boundary Next has already sent 200)", () => {
    for (const f of loaders) {
      const below = walk(path.dirname(f)).map((p) => path.relative(path.dirname(f), p));
      expect(
        below.filter((p) => /\[[^\]]+\]/.test(p)),
        f,
      ).toEqual([]);
      // …nor a page that calls notFound() / forbidden() itself.
      for (const page of below.filter((p) => p.endsWith("page.tsx"))) {
        const src = readFileSync(path.join(path.dirname(f), page), "utf8");
        expect(src, page).not.toMatch(/\b(notFound|forbidden)\(/);
      }
    }
  });
});
