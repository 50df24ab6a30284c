import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layer rules are live: the dependency check that `npm run lint` runs fails on a tree with a deliberate upward
 * import, a cycle, a product → sandbox import and a page reaching for the database client, and passes on this repo.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "node_modules/.bin/depcruise");
const CONFIG = path.join(ROOT, ".dependency-cruiser.cjs");

/** Runs the dependency check as `npm run lint:layers` does; returns its exit status and the errors it printed. */
function cruise(cwd: string, targets: string[]): { status: number | null; errors: string[] } {
  const r = spawnSync(BIN, ["--config", CONFIG, "--output-type", "err", ...targets], {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  // "  error no-circular: a.ts → \n      b.ts →\n      a.ts" — one violation per "error" line, continuations joined.
  const errors = r.stdout
    .replace(/→\s*\n\s+/g, "→ ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("error "))
    .map((l) => l.slice("error ".length).replace(/(\.\.\/)+/g, ""));
  return { status: r.status, errors };
}

describe("architecture rules (.dependency-cruiser.cjs)", { timeout: 120_000 }, () => {
  it("fail on an upward import, a cycle, a product → sandbox import and a page importing the db client", () => {
    const { status, errors } = cruise(path.join(ROOT, "tests/fixtures/architecture"), ["."]);
    expect(status).not.toBe(0);
    expect(errors.sort()).toEqual([
      "layer-app: app/m/page.tsx → db/client.ts",
      "layer-sync: lib/sync/reaches-up.ts → lib/services/refund.ts",
      expect.stringMatching(/^no-circular: lib\/services\/(ping|pong)\.ts → lib\/services\/(ping|pong)\.ts → /),
      "pages-read-through-queries: app/m/page.tsx → db/client.ts",
      "product-never-imports-sandbox: lib/services/uses-sandbox.ts → packages/sandbox/src/index.ts",
    ]);
    // The clean downward import (an action calling a service) is not reported.
    expect(errors.some((e) => e.includes("lib/actions/clean.ts"))).toBe(false);
  });

  it("pass on the portal itself", { timeout: 180_000 }, () => {
    const { status, errors } = cruise(ROOT, [
      "app",
      "components",
      "lib",
      "db",
      "packages",
      "proxy.ts",
      "instrumentation.ts",
    ]);
    expect(errors).toEqual([]);
    expect(status).toBe(0);
  });
});
