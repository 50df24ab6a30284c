import { register } from "node:module";
import { defineConfig } from "@playwright/test";

/**
 * The e2e suite (tests/e2e): @playwright/test on Debian's Chromium (never a downloaded browser), one worker against
 * one server and one database that tests/e2e/global-setup.ts builds, seeds and starts (and whose teardown leaves the
 * card-scan inputs for tests/scan). The `setup` project signs each demo persona in once and stores its state
 * (tests/e2e/auth.setup.ts); every spec depends on it. See tests/e2e/README.md for how to write a spec.
 */

// Specs seed through the portal's own server actions in the test process: Next's subpaths (next/server,
// next/cache, …) have no exports map, which Node's ESM resolver needs; the hook adds the `.js` (as bundlers do).
register("./tests/e2e/support/resolve-next.mjs", import.meta.url);

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "tests/e2e",
  // Artifacts of failed tests (trace, screenshot, error context); Playwright empties this folder at the start.
  outputDir: "test-results/playwright",
  globalSetup: "./tests/e2e/global-setup.ts",
  // One server, one database, shared demo merchants: specs run one at a time, in file order.
  workers: 1,
  fullyParallel: false,
  // A test that passes only on a second try is not counted as passed (lib/cli/test.ts sums the JSON report).
  retries: 0,
  forbidOnly: true,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    // Recorded for every test, kept only for a failed one (test-results/playwright/<test>/trace.zip): actions,
    // DOM snapshots, network and console. No screencast (it costs CPU on every test); the failure screenshot below
    // shows the last state.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: false },
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "e2e", testMatch: /\.spec\.ts$/, dependencies: ["setup"] },
  ],
});
