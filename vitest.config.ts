import path from "node:path";
import { defineConfig } from "vitest/config";

// `server-only` throws outside a React Server Components build; tests (like tsx, through tsconfig paths) get its
// empty module, while Next still refuses it in client bundles.
const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
};
const argv = process.argv.join(" ");
const scanRequested = /--project[= ]scan\b/.test(argv) || process.env.VITEST_SCAN === "1";

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: [
            "{lib,db,components,app}/**/*.test.{ts,tsx}",
            "packages/*/src/**/*.test.ts",
            "tests/integration/**/*.test.ts",
          ],
          globalSetup: ["tests/helpers/global-setup.ts"],
          setupFiles: ["tests/helpers/setup-each.ts"],
          pool: "forks",
          // next-auth imports "next/server" without an extension; let Vite resolve it.
          server: { deps: { inline: ["next-auth"] } },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // The e2e suite runs on @playwright/test (playwright.config.ts, `npm run test:e2e`), not here.
      // Reads what the e2e global teardown left in test-results/ (database dump, server and sandbox logs), so it
      // exists only when asked for by name (`--project scan`, which `npm test` runs right after the e2e suite) —
      // a plain `vitest run` would otherwise scan an earlier run's leftovers.
      ...(scanRequested
        ? [
            {
              resolve: { alias },
              test: {
                name: "scan",
                include: ["tests/scan/**/*.test.ts"],
                pool: "forks" as const,
                testTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
