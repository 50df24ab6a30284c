import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { childEnv } from "@/lib/env";

/**
 * `npm test`: lint, layer check, format check, typecheck, vitest (unit + integration on an embedded PostgreSQL),
 * then the e2e suite (@playwright/test on Debian's Chromium, playwright.config.ts) followed by the card-data scan of
 * what it left (tests/scan). Ends with one line
 * `N passed, N failed, N skipped` summing every suite; a skipped test is never counted as passed.
 */
const args = new Set(process.argv.slice(2));
const only = (name: string) => args.size === 0 || args.has(`--${name}`);
let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];
/** Each failed test by name with the first line of its error, repeated at the very end: CI logs keep only the tail. */
const failedTests: string[] = [];
const firstLine = (message = "") =>
  message
    .replace(/\u001b\[[0-9;]*m/g, "")
    .trim()
    .split("\n")[0]
    ?.slice(0, 200) ?? "";

function check(name: string, cmd: string, cmdArgs: string[]) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: "inherit", env: childEnv({}) });
  if (r.status === 0) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

function vitest(project: string) {
  console.log(`\n▶ vitest --project ${project}`);
  mkdirSync("test-results", { recursive: true });
  const out = `test-results/${project}.json`;
  rmSync(out, { force: true });
  const r = spawnSync(
    "node_modules/.bin/vitest",
    ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile=${out}`],
    { stdio: "inherit", env: childEnv({ NODE_ENV: "test" }) },
  );
  if (!existsSync(out)) {
    failed++;
    failures.push(`vitest ${project} (no report, exit ${r.status})`);
    return;
  }
  const report = JSON.parse(readFileSync(out, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
    testResults?: {
      name: string;
      message?: string;
      assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
    }[];
  };
  for (const file of report.testResults ?? []) {
    const where = file.name.replace(`${process.cwd()}/`, "");
    const failedHere = file.assertionResults.filter((t) => t.status === "failed");
    for (const t of failedHere)
      failedTests.push(`${project} ${where} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    if (failedHere.length === 0 && file.message)
      failedTests.push(`${project} ${where} (did not run): ${firstLine(file.message)}`);
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A file that failed to load has no tests to count, but it is a failure.
  const brokenFiles = report.numFailedTests > 0 ? 0 : report.numFailedTestSuites;
  if (report.numFailedTests === 0 && brokenFiles > 0) {
    failed += brokenFiles;
    failures.push(`vitest ${project}: ${brokenFiles} file(s) failed to run`);
  } else if (report.numFailedTests > 0) failures.push(`vitest ${project}: ${report.numFailedTests} failed`);
  if (r.status !== 0 && report.numFailedTests === 0 && brokenFiles === 0) {
    failed++;
    failures.push(`vitest ${project} exited ${r.status}`);
  }
}

/**
 * The e2e suite on @playwright/test; its JSON reporter (playwright.config.ts) writes test-results/e2e.json. The
 * sign-in setup tests count like the specs. Retries are off in the config; if a run turns them on, a test that
 * passed only on a retry ("flaky") is counted as passed and named in the e2e line, never silently.
 */
type PlaywrightSuite = {
  title: string;
  file?: string;
  specs?: {
    title: string;
    ok: boolean;
    file?: string;
    tests?: { results?: { error?: { message?: string } }[] }[];
  }[];
  suites?: PlaywrightSuite[];
};

function playwright() {
  console.log("\n▶ playwright test (e2e)");
  mkdirSync("test-results", { recursive: true });
  const out = "test-results/e2e.json";
  rmSync(out, { force: true });
  const r = spawnSync("node_modules/.bin/playwright", ["test"], {
    stdio: "inherit",
    env: childEnv({ NODE_ENV: "test" }),
  });
  if (!existsSync(out)) {
    failed++;
    failures.push(`e2e (no report, exit ${r.status})`);
    return;
  }
  const report = JSON.parse(readFileSync(out, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    errors: { message?: string }[];
    suites?: PlaywrightSuite[];
  };
  const walk = (suite: PlaywrightSuite, trail: string[]) => {
    const here = suite.title && !suite.title.endsWith(".ts") ? [...trail, suite.title] : trail;
    for (const spec of suite.specs ?? []) {
      if (spec.ok) continue;
      const error = spec.tests?.flatMap((t) => t.results ?? []).find((r) => r.error)?.error?.message;
      failedTests.push(
        `e2e ${spec.file ?? suite.file ?? ""} › ${[...here, spec.title].join(" › ")}: ${firstLine(error)}`,
      );
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  for (const e of report.errors) failedTests.push(`e2e (outside tests): ${firstLine(e.message)}`);
  const { expected, unexpected, flaky, skipped: notRun } = report.stats;
  passed += expected + flaky;
  failed += unexpected;
  skipped += notRun;
  console.log(
    `e2e: ${expected + flaky} passed${flaky ? ` (${flaky} only on a retry)` : ""}, ${unexpected} failed, ${notRun} skipped`,
  );
  if (unexpected > 0) failures.push(`e2e: ${unexpected} failed`);
  // A global setup that failed or a spec file that did not load has no test to count, but it is a failure.
  if (report.errors.length > 0) {
    failed += report.errors.length;
    failures.push(
      `e2e: ${report.errors.length} error(s) outside tests (global setup, teardown or a file that failed to load)`,
    );
  }
  if (r.status !== 0 && unexpected === 0 && report.errors.length === 0) {
    failed++;
    failures.push(`e2e exited ${r.status}`);
  }
}

if (only("lint")) {
  check("eslint", "node_modules/.bin/eslint", ["."]);
  check("layers (dependency-cruiser)", "npm", ["run", "--silent", "lint:layers"]);
  check("prettier --check", "node_modules/.bin/prettier", ["--check", "."]);
}
if (only("typecheck")) check("tsc --noEmit", "node_modules/.bin/tsc", ["--noEmit"]);
if (only("unit")) vitest("unit");
if (only("e2e")) {
  playwright();
  // Card data (issue #10): the scan reads what the e2e teardown left (database dump, server and sandbox logs).
  vitest("scan");
}
// Smoke run of the benchmarks: it must run and print its figures (targets are judged on the full run).
if (only("bench")) check("npm run bench -- --small", "node_modules/.bin/tsx", ["tests/bench/run.ts", "--small"]);

if (failedTests.length) console.log(`\nFailed tests:\n${failedTests.map((t) => `  ✗ ${t}`).join("\n")}`);
if (failures.length) console.log(`\nFailed: ${failures.join("; ")}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
