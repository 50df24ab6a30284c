/**
 * `npm run bench:load` — issue #10 item 10: the pay page of an open invoice and the merchant dashboard under a
 * bounded loopback load, figures for docs/reliability.md.
 *
 * Serves the app as the e2e setup does (production build, throwaway embedded PostgreSQL, migrated, demo seed,
 * `next start` on 127.0.0.1), creates one open invoice for Acme Coffee through the portal's own action (its pay
 * link is the pay page), signs in as owner@acme.test in Chromium for the dashboard's session cookie, then runs
 * autocannon at a fixed rate against each page in turn. Prints and writes (test-results/bench-load.json): requests,
 * errors (non-2xx + socket errors + timeouts), p50/p95/p99 latency, throughput, and the server's RSS (VmRSS of
 * the `next start` process tree, sampled every 250 ms from /proc).
 *
 * Then, unless --no-faults, a short browse under faults over real HTTP: the gateway sandbox injects 2 s latency,
 * 10 % 500s and 5 % timeouts for Acme; dashboard, lists, a transaction detail (refreshed from the gateway) and the
 * pay page are requested with the session cookie; any 5xx is counted (and fails the run).
 *
 * Flags: --duration=30 (s per page) --rate=200 (requests/s) --connections=16 --skip-build (reuse the build in
 * NEXT_DIST_DIR, default .next) --no-faults --fault-requests=60.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import pg from "pg";
import { freePort } from "@/db/embedded";
import { DEMO_PASSWORD } from "@/lib/cli/seed";
import { setProcessEnv } from "@/lib/env";
import { becameHealthy, buildApp, migrateAndSeed, throwawayPostgres } from "@/tests/helpers/built-app";

/** The part of autocannon 9's API used here (the package ships no types). */
interface AutocannonResult {
  requests: { total: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type AutocannonInstance = PromiseLike<AutocannonResult> & {
  on(event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};
const autocannon = createRequire(import.meta.url)("autocannon") as (
  opts: Record<string, unknown>,
) => AutocannonInstance;

const argv = process.argv.slice(2);
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const cfg = {
  duration: Number(flag("duration") ?? 30),
  rate: Number(flag("rate") ?? 200),
  connections: Number(flag("connections") ?? 16),
  skipBuild: argv.includes("--skip-build"),
  faults: !argv.includes("--no-faults"),
  faultRequests: Number(flag("fault-requests") ?? 60),
};
const distDir = process.env.NEXT_DIST_DIR || ".next";

const vars = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  SANDBOX: "on",
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  CREDENTIALS_KEY: randomBytes(32).toString("base64"),
  AUTH_TRUST_HOST: "true",
  LOG_LEVEL: "warn",
};

// ---- RSS of a process tree, from /proc -------------------------------------------------------------------------
function treePids(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      (children.get(ppid) ?? children.set(ppid, []).get(ppid)!).push(Number(d));
    } catch {
      // gone
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(root);
  return out;
}

function rssMiB(root: number): number {
  let kb = 0;
  for (const pid of treePids(root)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

function sampleRss(pid: number) {
  const samples: number[] = [rssMiB(pid)];
  const timer = setInterval(() => samples.push(rssMiB(pid)), 250);
  return {
    stop() {
      clearInterval(timer);
      samples.push(rssMiB(pid));
      return {
        startMiB: Math.round(samples[0] ?? 0),
        maxMiB: Math.round(Math.max(...samples)),
        endMiB: Math.round(samples[samples.length - 1] ?? 0),
      };
    },
  };
}

// ---- one autocannon run ----------------------------------------------------------------------------------------
const pct = (s: number[], q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;

async function hammer(name: string, url: string, headers: Record<string, string>, serverPid: number) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const rss = sampleRss(serverPid);
  const instance = autocannon({
    url,
    headers,
    connections: cfg.connections,
    overallRate: cfg.rate,
    duration: cfg.duration,
    timeout: 10,
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const r = await instance;
  const memory = rss.stop();
  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statuses)
    .filter(([s]) => Number(s) >= 200 && Number(s) < 300)
    .reduce((n, [, c]) => n + c, 0);
  const result = {
    page: name,
    targetRps: cfg.rate,
    durationS: cfg.duration,
    requests: r.requests.total,
    achievedRps: Math.round((r.requests.total / cfg.duration) * 10) / 10,
    statuses,
    errors: r.non2xx + r.errors + r.timeouts,
    non2xx: r.non2xx,
    socketErrors: r.errors,
    timeouts: r.timeouts,
    ok,
    latencyMs: {
      p50: Math.round(pct(latencies, 0.5)),
      p95: Math.round(pct(latencies, 0.95)),
      p99: Math.round(pct(latencies, 0.99)),
      max: Math.round(latencies[latencies.length - 1] ?? 0),
    },
    throughputKiBs: Math.round(r.throughput.average / 1024),
    serverRss: memory,
  };
  console.log(
    `${name}: ${result.requests} requests (${result.achievedRps}/s of ${cfg.rate}), errors ${result.errors}, ` +
      `p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, p99 ${result.latencyMs.p99} ms, ` +
      `${result.throughputKiBs} KiB/s, server RSS ${memory.startMiB}→${memory.maxMiB} MiB (max)`,
  );
  return result;
}

// ---- main ------------------------------------------------------------------------------------------------------
const t0 = Date.now();
if (!(cfg.skipBuild && existsSync(`${distDir}/BUILD_ID`))) console.log(`building into ${distDir} …`);
buildApp(vars, distDir, cfg.skipBuild);
const pgServer = await throwawayPostgres("portal-load-pg-");
let server: ChildProcess | undefined;
const results: Record<string, unknown> = {
  config: cfg,
  machine: {
    loadavgAtStart: os.loadavg().map((l) => Math.round(l * 10) / 10),
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
};
let failed = false;
try {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  await migrateAndSeed(vars, pgServer.url, baseUrl);
  mkdirSync("test-results", { recursive: true });
  server = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...vars, NODE_ENV: "production", DATABASE_URL: pgServer.url, PORT: String(port), APP_URL: baseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (!(await becameHealthy(baseUrl)) || !server.pid) throw new Error(`app did not become healthy on ${baseUrl}`);
  console.log(`serving ${baseUrl} (startup ${((Date.now() - t0) / 1000).toFixed(0)} s)`);

  // The portal's own code in this process, against the same database and the served sandbox.
  for (const k of ["DATABASE_URL", "APP_URL", "CREDENTIALS_KEY", "AUTH_SECRET"] as const)
    setProcessEnv(k, k === "DATABASE_URL" ? pgServer.url : k === "APP_URL" ? baseUrl : (vars[k] as string));
  setProcessEnv("SANDBOX", "on");
  setProcessEnv("LOG_LEVEL", "silent");
  const db = new pg.Client({ connectionString: pgServer.url });
  db.on("error", () => undefined); // the database stops at the end of the run
  await db.connect();
  const one = async <T>(text: string, params: unknown[] = []) => (await db.query(text, params)).rows[0] as T;
  const acme = await one<{ id: string; credentials_enc: string }>(
    "select id, credentials_enc from merchants where name = 'Acme Coffee'",
  );
  const owner = await one<{ id: string; session_version: number }>(
    "select id, session_version from users where email = 'owner@acme.test'",
  );
  const { runAsSession } = await import("@/lib/auth/session");
  const { createInvoiceAction } = await import("@/lib/actions/invoices");
  const { graceHopper, invoiceDraft, invoiceLine } = await import("@/tests/fixtures/invoices");
  const invoice = invoiceDraft({
    items: [invoiceLine({ name: "Espresso beans", quantity: "2", unitPrice: "18.99" })],
    taxPercent: "8.25",
    paymentMethods: ["card", "ach"],
    message: "Thanks!",
    billTo: graceHopper,
    payableTo: { company: "Acme Coffee", line1: "2 Bean St", city: "Portland", state: "OR", postalCode: "97201" },
  });
  const created = await runAsSession({ userId: owner.id, sessionVersion: owner.session_version }, () =>
    createInvoiceAction({ merchantId: acme.id, invoice: JSON.stringify(invoice) }),
  );
  if (!created.ok || !created.data.url) throw new Error(`invoice not created: ${JSON.stringify(created)}`);
  const payPath = new URL(created.data.url).pathname;

  // A real sign-in (login form in Chromium) for the dashboard's session cookie.
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("owner@acme.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await Promise.all([
    page.waitForURL((u) => u.pathname.startsWith("/m/"), { timeout: 60_000 }),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await browser.close();
  const dashboardPath = `/m/${acme.id}`;
  for (const [p, h] of [
    [payPath, {}],
    [dashboardPath, { cookie }],
  ] as const) {
    // Warm-up (first renders compile and fill caches), unmeasured.
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${baseUrl}${p}`, { headers: h, redirect: "manual" });
      await res.text();
      if (res.status !== 200) throw new Error(`${p} answers ${res.status} before the load`);
    }
  }

  results.payPage = await hammer("pay page", `${baseUrl}${payPath}`, {}, server.pid);
  results.dashboard = await hammer("merchant dashboard", `${baseUrl}${dashboardPath}`, { cookie }, server.pid);

  if (cfg.faults) {
    const { unsealCredentials } = await import("@/lib/connections/credentials");
    const creds = unsealCredentials(acme.credentials_enc, acme.id).gateway as { apiKey: string; publicKey: string };
    // One card sale through the virtual terminal's action (token from the sandbox tokenizer, as the iframe gets it),
    // so a transaction detail page exists; it refreshes from the gateway on every view.
    const tokenRes = await fetch(`${baseUrl}/sandbox/gateway/tokenizer/${creds.publicKey}/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "card",
        card: { number: "4111111111111111", expiration_date: "12/30", cvc: "123" },
      }),
    });
    const paymentToken = ((await tokenRes.json()) as { data?: { token?: string } }).data?.token;
    const { chargeAction } = await import("@/lib/actions/virtual-terminal");
    const charged = await runAsSession({ userId: owner.id, sessionVersion: owner.session_version }, () =>
      chargeAction({
        merchantId: acme.id,
        intentId: crypto.randomUUID(),
        type: "sale",
        source: "card",
        token: paymentToken,
        amount: "12.34",
      }),
    );
    if (!charged.ok) throw new Error(`sale not made: ${JSON.stringify(charged)}`);
    const tx = await one<{ provider_id: string } | undefined>(
      "select provider_id from transactions where merchant_id = $1 order by provider_id limit 1",
      [acme.id],
    );
    const faultControl = (method: string, body: unknown) =>
      fetch(`${baseUrl}/sandbox/gateway/_control/faults`, {
        method,
        headers: { authorization: creds.apiKey, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const set = await faultControl("POST", {
      path_prefix: "/api/",
      error_rate: 0.1,
      latency_ms: 2000,
      timeout_rate: 0.05,
    });
    if (!set.ok) throw new Error(`faults not set: ${set.status}`);
    const paths = [
      dashboardPath,
      `${dashboardPath}/transactions`,
      ...(tx ? [`${dashboardPath}/transactions/${tx.provider_id}`] : []),
      `${dashboardPath}/invoices`,
      `${dashboardPath}/customers`,
      `${dashboardPath}/terminal`,
      payPath,
    ];
    const statuses: Record<string, Record<string, number>> = {};
    let errorStates = 0;
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < cfg.faultRequests) {
          const p = paths[next++ % paths.length] as string;
          const res = await fetch(`${baseUrl}${p}`, { headers: { cookie }, redirect: "manual" }).catch(() => null);
          const key = res ? String(res.status) : "error";
          const html = (await res?.text()) ?? "";
          if (/could not be reached|not responding|try again/i.test(html)) errorStates++;
          statuses[p] ??= {};
          (statuses[p] as Record<string, number>)[key] = ((statuses[p] as Record<string, number>)[key] ?? 0) + 1;
        }
      }),
    );
    await faultControl("DELETE", {});
    const fiveXx = Object.values(statuses)
      .flatMap((s) => Object.entries(s))
      .filter(([k]) => k === "error" || Number(k) >= 500)
      .reduce((n, [, c]) => n + c, 0);
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    results.faults = { requests: cfg.faultRequests, seconds, fiveXx, pagesShowingAnErrorState: errorStates, statuses };
    console.log(
      `browse under faults: ${cfg.faultRequests} requests in ${seconds} s, ${fiveXx} 5xx/errors, ` +
        `${errorStates} pages showing a gateway error state; ${JSON.stringify(statuses)}`,
    );
    if (fiveXx > 0) failed = true;
  }
  await db.end();
  (results.machine as Record<string, unknown>).loadavgAtEnd = os.loadavg().map((l) => Math.round(l * 10) / 10);
  writeFileSync("test-results/bench-load.json", JSON.stringify(results, null, 2));
  console.log("\nFigures written to test-results/bench-load.json");
} catch (err) {
  console.error(err);
  failed = true;
} finally {
  server?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 300));
  await pgServer.stop();
}
process.exit(failed ? 1 : 0);
