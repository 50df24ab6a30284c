import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, personaCookie, sessionCookie, test } from "../fixtures";
import { baseUrl, query, pointAtE2eRuntime } from "../helpers";
import { rivalPartner, seedTenant, uploadFileBatch } from "./seed-tenant";

/**
 * Tenant isolation, crawled: every page and route handler of the app (enumerated from the file system, so a new
 * page is covered without touching this file) is requested as a user of ANOTHER tenant with every dynamic id taken
 * from the database. Each answer must be 404 and carry none of the other tenant's identifying strings. Plain fetch
 * with the session cookie of a real (browser) login does the bulk; the browser repeats a handful.
 */

type Scope = "merchant" | "partner" | "public";
interface Route {
  file: string;
  /** URL pattern with Next's segments, route groups removed: /m/[merchantId]/customers/[customerId]. */
  pattern: string;
  kind: "page" | "route";
  methods: string[];
  scope: Scope;
}

/** Not tenant-scoped: each is reviewed here with why (the crawl fails on any route not classified). */
const PUBLIC_ROUTES: Record<string, string> = {
  "/": "redirects to the caller's own home",
  "/login": "sign-in form",
  "/set-password/[token]": "one-time hashed link token is the authority, no tenant id in the URL",
  "/pay/[token]": "hosted invoice page: the unguessable link token is the authority (tests/integration/invoices)",
  "/pay/[token]/receipt/[paymentId]": "receipt under the same link token",
  "/forgot-password": "asks for a reset link; answers the same whatever the email",
  "/reset-password/[token]": "one-time hashed link token is the authority",
  "/mailbox":
    "the signed-in user's own mail in sandbox mode (their session's address only; 404 with the sandboxes off)",
  "/account/security": "the signed-in user's own account (MFA); no tenant in the URL",
  "/account/invitations": "the signed-in user's own invitations (read by the session's user id); no tenant in the URL",
  "/api/auth/[...nextauth]": "Auth.js endpoints",
  "/api/health": "liveness",
  "/api/webhooks/[provider]": "signed provider deliveries (tests/integration/reliability/webhooks.test.ts)",
  "/sandbox/[...path]":
    "the emulators' one mount (404 unless sandbox mode is on; not part of production), each authenticated by its own credentials",
};

function enumerateRoutes(): Route[] {
  const files = (readdirSync("app", { recursive: true }) as string[]).filter((f) =>
    /(^|\/)(page\.tsx|route\.ts)$/.test(f),
  );
  return files.map((f) => {
    const segs = path
      .dirname(f)
      .split(path.sep)
      .filter((s) => s !== "." && !/^\(.*\)$/.test(s));
    const pattern = `/${segs.join("/")}`.replace(/\/$/, "") || "/";
    const kind = f.endsWith("page.tsx") ? "page" : "route";
    const src = readFileSync(path.join("app", f), "utf8");
    // `export const GET =`, `export async function POST`, `export const { GET, POST } =`, `export { GET, POST }`.
    const exported = [
      ...[...src.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map(
        (m) => m[1],
      ),
      ...[...src.matchAll(/export\s+(?:const\s+)?\{([^}]*)\}/g)].flatMap((m) =>
        (m[1] as string).split(",").map((x) =>
          x
            .trim()
            .split(/\s+as\s+/)
            .pop(),
        ),
      ),
    ].filter((m): m is string => /^(GET|POST|PUT|PATCH|DELETE)$/.test(m ?? ""));
    const methods = kind === "page" ? ["GET"] : [...new Set(exported)];
    const scope: Scope =
      pattern.startsWith("/m/[merchantId]") || pattern.startsWith("/api/m/[merchantId]")
        ? "merchant"
        : pattern.startsWith("/partner") || pattern.startsWith("/api/partner/")
          ? "partner"
          : "public";
    return { file: `app/${f}`, pattern, kind, methods, scope };
  });
}

/**
 * Segments the crawl may have to prove with a well-formed id that names nothing (when no merchant in the database
 * has one yet), with why the crawler cannot create one itself. Every other segment must be filled with real ids.
 */
const UNSEEDED: Record<string, { placeholder: string; why: string }> = {
  "billing-plans/[planId]": {
    placeholder: "900000000001",
    why: "a CoPilot billing plan needs the partner's CoPilot credentials and a vaulted CardPointe profile; real ids are used when the billing-plans spec made one",
  },
};

/** Where each dynamic segment's ids come from, keyed by `<static segment before it>/[param]`. */
type Filler = (tenant: { merchantId?: string; partnerId?: string; mid?: string | null }) => Promise<string[]>;
/** A sandbox creates its schema on first use: a table may not exist yet in this database. */
const tableExists = async (name: string) =>
  Boolean((await query<{ r: string | null }>("select to_regclass($1)::text as r", [name]))[0]?.r);
const ids = async (sql: string, params: unknown[]) =>
  (await query<{ id: string }>(sql, params)).map((r) => String(r.id));
const byMerchant =
  (table: string, where = "true") =>
  (t: { merchantId?: string }) =>
    ids(`select provider_id as id from ${table} where merchant_id = $1 and ${where} limit 3`, [t.merchantId]);
/** Plans, add-ons and discounts live at the gateway only; the sandbox's tables hold them per account (its MID). */
const sandboxCatalog =
  (table: string, where = "true") =>
  (t: { mid?: string | null }) =>
    ids(
      `select r.id from sandbox_gateway.${table} r join sandbox_gateway.accounts a on a.id = r.account_id
     where a.merchant_id = $1 and ${where} limit 3`,
      [t.mid],
    );
const FILLERS: Record<string, Filler> = {
  "customers/[customerId]": byMerchant("customers", "deleted_at is null"),
  "transactions/[transactionId]": byMerchant("transactions"),
  "invoices/[invoiceId]": byMerchant("invoices"),
  "subscriptions/[subscriptionId]": byMerchant("subscriptions"),
  "settlements/[batchId]": byMerchant("settlement_batches"),
  "file-batches/[batchId]": byMerchant("file_batches"),
  "reconciliation/[depositId]": byMerchant("deposits"),
  "plans/[planId]": sandboxCatalog("recurring_plans"),
  "add-ons/[addOnId]": sandboxCatalog("recurring_adjustments", "kind = 'addon'"),
  "discounts/[discountId]": sandboxCatalog("recurring_adjustments", "kind = 'discount'"),
  "terminal-runs/[runId]": (t) =>
    ids(
      `select distinct target_id as id from audit_log where merchant_id = $1 and action like 'terminal.%' and target_id is not null limit 3`,
      [t.merchantId],
    ),
  // CoPilot billing plans of a CardPointe MID (the CoPilot sandbox keeps them; the portal caches none).
  "billing-plans/[planId]": async (t) =>
    (await tableExists("sandbox_copilot.billing_plans"))
      ? ids(`select billing_plan_id::text as id from sandbox_copilot.billing_plans where merch_id = $1 limit 3`, [
          t.mid,
        ])
      : [],
  "boarding/[applicationId]": (t) =>
    ids(`select id from boarding_applications where partner_id = $1 limit 3`, [t.partnerId]),
  "applications/[applicationId]": (t) =>
    ids(`select id from boarding_applications where partner_id = $1 limit 3`, [t.partnerId]),
};

interface Tenant {
  name: string;
  merchantId?: string;
  partnerId?: string;
  mid?: string | null;
}

/** Every concrete URL of `route` for the victim tenant; `ownMerchantId` adds the IDOR variants (own id + victim child ids). */
async function urlsFor(
  route: Route,
  victim: Tenant,
  fallback: Tenant | undefined,
  filled: Set<string>,
  ownMerchantId?: string,
): Promise<string[]> {
  const segs = route.pattern.split("/").filter(Boolean);
  let variants: { parts: string[]; children: boolean }[] = [{ parts: [], children: false }];
  let placeholder = false;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] as string;
    const m = /^\[(\w+)\]$/.exec(s);
    if (!m) {
      variants = variants.map((v) => ({ ...v, parts: [...v.parts, s] }));
      continue;
    }
    const param = m[1] as string;
    let values: string[];
    if (param === "merchantId") {
      values = [victim.merchantId as string];
    } else if (param === "partnerId") {
      values = [victim.partnerId as string];
    } else {
      const key = `${segs[i - 1]}/${s}`;
      const fill = FILLERS[key];
      if (!fill) throw new Error(`${route.file}: the crawler cannot fill ${key}; add a filler to FILLERS`);
      values = await fill(victim);
      if (values.length) filled.add(key);
      // A family without the feature has no such ids: prove the route with the other victim's ids instead.
      else if (fallback) values = await fill(fallback);
      if (!values.length) {
        values = [UNSEEDED[key]?.placeholder ?? "00000000-0000-4000-8000-000000000000"];
        placeholder = true;
      }
    }
    variants = variants.flatMap((v) => values.map((val) => ({ parts: [...v.parts, val], children: v.children })));
  }
  const urls = variants.map((v) => `/${v.parts.join("/")}`);
  // IDOR: the caller's OWN merchant id with the victim's child ids (customer of another merchant under mine).
  // (Not with a placeholder id: under the caller's own merchant that names nobody else.)
  if (ownMerchantId && victim.merchantId && !placeholder && segs.filter((s) => s.startsWith("[")).length > 1) {
    for (const u of [...urls]) urls.push(u.replace(victim.merchantId, ownMerchantId));
  }
  return urls;
}

/** The victim's identifying strings: names, emails, numbers, MID and ids (≥ 6 characters, not shared with the caller). */
async function identifiers(t: Tenant): Promise<string[]> {
  const out = new Set<string>();
  const add = (rows: Record<string, unknown>[]) => {
    for (const r of rows) for (const v of Object.values(r)) if (typeof v === "string" && v.length >= 6) out.add(v);
  };
  if (t.merchantId) {
    const p = [t.merchantId];
    add(await query("select id::text, name, mid from merchants where id = $1", p));
    add(await query("select provider_id, name, email, company from customers where merchant_id = $1", p));
    add(
      await query(
        "select first_name || ' ' || last_name as full, email, company from customer_addresses where merchant_id = $1",
        p,
      ),
    );
    add(await query("select provider_id, order_id from transactions where merchant_id = $1", p));
    add(await query("select provider_id, number from invoices where merchant_id = $1", p));
    add(await query("select provider_id from subscriptions where merchant_id = $1", p));
    add(await query("select provider_id from settlement_batches where merchant_id = $1", p));
    add(await query("select provider_id from file_batches where merchant_id = $1", p));
    add(await query("select url, description, id::text from webhook_endpoints where merchant_id = $1", p));
    add(await query("select id::text from merchant_events where merchant_id = $1", p));
    add(
      await query(
        "select u.email, u.name from users u join memberships m on m.user_id = u.id where m.merchant_id = $1",
        p,
      ),
    );
    if (t.mid)
      add(
        await query(
          `select r.id, r.name from sandbox_gateway.recurring_adjustments r join sandbox_gateway.accounts a on a.id = r.account_id where a.merchant_id = $1
           union all select r.id, r.name from sandbox_gateway.recurring_plans r join sandbox_gateway.accounts a on a.id = r.account_id where a.merchant_id = $1`,
          [t.mid],
        ),
      );
  }
  if (t.partnerId) {
    const p = [t.partnerId];
    add(await query("select id::text, name from partners where id = $1", p));
    add(await query("select id::text, name, mid from merchants where partner_id = $1", p));
    add(await query("select id::text, dba_name, mid from boarding_applications where partner_id = $1", p));
    add(
      await query(
        "select u.email, u.name from users u join memberships m on m.user_id = u.id where m.partner_id = $1",
        p,
      ),
    );
  }
  return [...out];
}

async function tenantOf(name: string): Promise<Tenant> {
  const [m] = await query<{ id: string; mid: string | null }>("select id, mid from merchants where name = $1", [name]);
  if (!m) throw new Error(`no merchant ${name}`);
  return { name, merchantId: m.id, mid: m.mid };
}

interface Finding {
  url: string;
  method: string;
  status: number;
  leaked: string[];
}

/** Requests every URL with the cookie; returns the answers that are not 404 or that name the victim. */
async function crawl(
  cookie: string,
  urls: { url: string; method: string }[],
  secrets: string[],
  expectStatus: (status: number, url: string) => boolean = (status) => status === 404,
): Promise<{ findings: Finding[]; count: number; statuses: Record<number, number> }> {
  const findings: Finding[] = [];
  const statuses: Record<number, number> = {};
  const queue = [...urls];
  let count = 0;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const res = await fetch(`${baseUrl()}${next.url}`, {
        method: next.method,
        headers: {
          cookie,
          origin: baseUrl(),
          ...(next.method === "GET" ? {} : { "content-type": "application/json" }),
        },
        body: next.method === "GET" ? undefined : "{}",
        redirect: "manual",
      });
      const body = await res.text();
      count++;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      // The requested URL's own ids are the caller's input, not a leak; anything else of the victim is.
      const requested = new Set(next.url.split("/"));
      const leaked = secrets.filter((s) => !requested.has(s) && body.includes(s));
      if (!expectStatus(res.status, next.url) || leaked.length)
        findings.push({ url: next.url, method: next.method, status: res.status, leaked });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return { findings, count, statuses };
}

let routes: Route[];
let acme: Tenant;
let blueFern: Tenant;
let corner: Tenant;
let rivalFern: Tenant;
let rivalCorner: Tenant;
let rival: Tenant;
let demoPartner: Tenant;
const filled = new Set<string>();

test.beforeAll(async ({ browser }) => {
  // Seeding two merchants through the portal's actions takes a while on a busy machine.
  test.setTimeout(240_000);
  routes = enumerateRoutes();
  await pointAtE2eRuntime();
  acme = await tenantOf("Acme Coffee");
  blueFern = await tenantOf("Blue Fern Studio");
  corner = await tenantOf("Corner Hardware");
  // A second partner whose two merchants (one per gateway family) get one of everything their family offers: the
  // crawl can then fill every dynamic segment without adding data to the demo merchants (other specs assert on them).
  const r = await rivalPartner();
  rival = { name: "Rival Payments Co", partnerId: r.partnerId };
  for (const m of r.merchants) {
    const [{ n }] = (await query<{ n: number }>("select count(*)::int as n from transactions where merchant_id = $1", [
      m.id,
    ])) as [{ n: number }];
    if (n > 0) continue; // seeded by an earlier run against this database
    const report = await seedTenant(m.name, m.owner, m.label);
    if (m.name === "Rival Fern Studio") expect(report.skipped).toEqual([]);
    const res = await uploadFileBatch(m.id, await sessionCookie(browser, m.owner), m.label);
    // CardPointe has no file batches: its route answers "not available" and the crawl uses the other's batch ids.
    if (m.name === "Rival Fern Studio") expect(res.status, await res.text()).toBe(201);
  }
  rivalFern = await tenantOf("Rival Fern Studio");
  rivalCorner = await tenantOf("Rival Corner Supply");
  const [demo] = await query<{ id: string }>("select id from partners where name = 'Demo Partners'");
  demoPartner = { name: "Demo Partners", partnerId: demo?.id };
  const [demoApp] = await query<{ id: string }>("select id from boarding_applications where partner_id = $1", [
    demo?.id,
  ]);
  if (!demoApp)
    await query("insert into boarding_applications (partner_id, dba_name) values ($1, 'Demo Crawl Boarding LLC')", [
      demo?.id,
    ]);
});

test.afterAll(async () => {
  const { closeDb } = await import("@/db/client");
  await closeDb();
});

async function merchantUrls(victim: Tenant, fallback: Tenant, own?: string) {
  const out: { url: string; method: string }[] = [];
  for (const r of routes.filter((x) => x.scope === "merchant"))
    for (const url of await urlsFor(r, victim, fallback, filled, own))
      for (const method of r.methods) out.push({ url, method });
  return out;
}

test.describe("tenant isolation crawler", () => {
  test("classifies every page and route handler of the app (a new one is crawled or must be reviewed here)", () => {
    expect(routes.length).toBeGreaterThan(40);
    const unreviewed = routes.filter((r) => r.scope === "public" && !(r.pattern in PUBLIC_ROUTES));
    expect(unreviewed.map((r) => r.file)).toEqual([]);
    expect(routes.filter((r) => r.kind === "route" && r.methods.length === 0).map((r) => r.file)).toEqual([]);
    expect(routes.filter((r) => r.scope === "merchant").length).toBeGreaterThan(30);
  });

  test("the owner of Acme gets 404 and nothing of Blue Fern, Corner Hardware or another partner's merchants on every merchant route", async () => {
    test.setTimeout(300_000);
    const cookie = personaCookie("acmeOwner");
    const ownSecrets = new Set(await identifiers(acme));
    let total = 0;
    const tally: Record<string, number> = {};
    for (const [victim, fallback] of [
      [blueFern, rivalFern],
      [corner, rivalCorner],
      [rivalFern, rivalCorner],
      [rivalCorner, rivalFern],
    ] as const) {
      const secrets = (await identifiers(victim)).filter((s) => !ownSecrets.has(s));
      // Not vacuous: names, emails, ids and numbers (the seeded merchants hold one of everything; CardPointe less).
      expect(secrets.length).toBeGreaterThan(victim === rivalFern ? 15 : 3);
      const urls = await merchantUrls(victim, fallback, acme.merchantId);
      // Under Acme's own id a page for a feature Acme's gateway lacks answers 200 "not available": no leak is the test.
      const idorOk = (status: number, url: string) =>
        status === 404 || (status === 200 && url.startsWith(`/m/${acme.merchantId}/`));
      const { findings, count, statuses } = await crawl(cookie, urls, secrets, idorOk);
      expect(findings, `${victim.name}`).toEqual([]);
      total += count;
      for (const [k, v] of Object.entries(statuses)) tally[k] = (tally[k] ?? 0) + v;
    }
    // Every dynamic segment was filled with a real id of at least one victim.
    const needed = new Set(
      routes
        .filter((r) => r.scope === "merchant")
        .flatMap((r) => {
          const segs = r.pattern.split("/").filter(Boolean);
          return segs.flatMap((s, i) => (/^\[\w+\]$/.test(s) && !/merchantId/.test(s) ? [`${segs[i - 1]}/${s}`] : []));
        }),
    );
    expect([...needed].filter((k) => !filled.has(k) && !(k in UNSEEDED))).toEqual([]);
    expect(total).toBeGreaterThan(100);
    // 200s are only the IDOR variants under Acme's own id ("not available" pages), none naming the other merchant.
    console.log(
      `tenant crawler: ${total} merchant requests as owner@acme.test, statuses ${JSON.stringify(tally)}, no leak`,
    );
  });

  test("the agent gets 404 and nothing of an unassigned merchant (Corner Hardware), and sees its assigned one", async () => {
    test.setTimeout(300_000);
    const cookie = personaCookie("agent");
    const assigned = new Set([...(await identifiers(acme)), ...(await identifiers(blueFern))]);
    let count = 0;
    for (const [victim, fallback] of [
      [corner, rivalCorner],
      [rivalFern, rivalCorner],
    ] as const) {
      const secrets = (await identifiers(victim)).filter((s) => !assigned.has(s));
      const r = await crawl(cookie, await merchantUrls(victim, fallback), secrets);
      expect(r.findings, victim.name).toEqual([]);
      count += r.count;
    }
    expect(count).toBeGreaterThan(80);
    // Control: the same crawler reaches an assigned merchant (so the 404s above are the guard, not a broken crawl).
    const own = await fetch(`${baseUrl()}/m/${blueFern.merchantId}/customers`, { headers: { cookie } });
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("Blue Fern Studio");
  });

  test("each partner gets 404 on the other partner's routes and its pages name nothing of the other", async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    for (const [email, victim, selfTenant] of [
      ["partner@demo.test", rival, demoPartner],
      ["rival-admin@rival.example", demoPartner, rival],
    ] as const) {
      const cookie =
        email === "partner@demo.test" ? personaCookie("partnerAdmin") : await sessionCookie(browser, email);
      const own = new Set(await identifiers(selfTenant));
      const secrets = (await identifiers(victim)).filter((s) => !own.has(s));
      expect(secrets.length).toBeGreaterThan(3);
      const urls: { url: string; method: string }[] = [];
      const ownPages: { url: string; method: string }[] = [];
      for (const r of routes.filter((x) => x.scope === "partner")) {
        const dynamic = /\[/.test(r.pattern);
        for (const url of await urlsFor(r, victim, undefined, filled))
          for (const method of r.methods) (dynamic ? urls : ownPages).push({ url, method });
      }
      const { findings } = await crawl(cookie, urls, secrets);
      expect(findings, email).toEqual([]);
      // Pages without an id (/partner, /partner/boarding/new, …) are the caller's own: they answer (200, or 404 where
      // the page is not for this role) and name nothing of the other.
      const mine = await crawl(cookie, ownPages, secrets, (status) => status === 200 || status === 404);
      expect(mine.count).toBeGreaterThanOrEqual(2);
      expect(mine.findings, email).toEqual([]);
      // Nor any merchant route of the other partner's merchants.
      const theirs = victim === demoPartner ? [blueFern, corner] : [rivalFern, rivalCorner];
      for (const m of theirs) {
        const r = await crawl(cookie, await merchantUrls(m, rivalFern), await identifiers(m));
        expect(r.findings, `${email} → ${m.name}`).toEqual([]);
      }
    }
    expect(filled.has("boarding/[applicationId]")).toBe(true);
    expect(filled.has("applications/[applicationId]")).toBe(true);
  });

  test("in the browser, a handful of another merchant's pages render the not-found page for the owner of Acme", async ({
    openAs,
  }) => {
    const { page } = await openAs("acmeOwner");
    const [customer] = await query<{ id: string }>(
      "select provider_id as id from customers where merchant_id = $1 limit 1",
      [rivalFern.merchantId],
    );
    const [invoice] = await query<{ id: string }>("select provider_id as id from invoices where merchant_id = $1", [
      rivalFern.merchantId,
    ]);
    const bf = rivalFern.merchantId as string;
    for (const url of [
      `/m/${bf}`,
      `/m/${bf}/customers/${customer?.id}`,
      `/m/${acme.merchantId}/customers/${customer?.id}`,
      `/m/${bf}/invoices/${invoice?.id}`,
      `/m/${bf}/transactions`,
    ]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(404);
      // The whole document, the framework's inline payload included.
      const body = page.locator("body");
      await expect(body, url).not.toContainText("Rival");
      await expect(body, url).not.toContainText("Quinby");
    }
    await page.screenshot({ path: "test-results/tenant-crawler-not-found.png" });
  });
});
