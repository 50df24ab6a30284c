import { and, desc, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { auditLog, merchants } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import { testConnectionsAction, updateCardPointeConnectionAction } from "@/lib/actions/integrations";
import { runAsSession } from "@/lib/auth/session";
import { unsealCredentials } from "@/lib/connections/credentials";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { resetEnvCache } from "@/lib/env";
import { InvalidRequest } from "@/lib/gateway/errors";
import { provisionSandboxMerchant } from "@/lib/services/merchants/provision-sandbox";
import { serve, type Served } from "@/tests/helpers/serve";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";
import { flushRequestLog, mounted } from "@portal/sandbox";
import { cardSecureToken } from "@/tests/helpers/cardsecure";

/**
 * Issue 22 §3/§4: a CardPointe merchant switched to UAT calls the vendor's UAT hosts (<site>-uat.cardconnect.com),
 * answered in sandbox mode by the emulator, whose request log records the host asked for; switched to production it
 * calls <site>.cardconnect.com, where a token made in UAT is refused ("invalid token", seed 000 line 63). A change is
 * saved only when the new connection tests OK, and audited without its secrets.
 */

let origin: Served;
let t: Tenants;
let site: string;
let uatCreds: { merchid: string; username: string; password: string };

beforeAll(async () => {
  origin = await serve(mounted);
  process.env.APP_URL = origin.url;
  resetEnvCache();
  t = await makeTenants("cardpointe");
  const p = await provisionSandboxMerchant({ id: t.merchantA, name: "Corner Hardware", gateway: "cardpointe" });
  await getDb()
    .update(merchants)
    .set({ mid: p.mid, site: p.site, credentialsEnc: p.credentialsEnc, environment: "sandbox" })
    .where(eq(merchants.id, t.merchantA));
  const g = unsealCredentials(p.credentialsEnc, t.merchantA).gateway;
  if (g.family !== "cardpointe") throw new Error("expected CardPointe");
  site = g.site;
  uatCreds = { merchid: g.merchid, username: g.username, password: g.password };
});
afterAll(async () => {
  await origin.close();
  await closeDb();
});

const asAdmin = <T>(action: (i: unknown) => Promise<ActionResult<T>>, input: Record<string, unknown>) =>
  runAsSession(t.adminA.claims, () => action({ merchantId: t.merchantA, ...input }));

async function hostsLogged(sinceId: number): Promise<{ host: string; path: string }[]> {
  await flushRequestLog();
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    return (
      await c.query<{ host: string; path: string }>(
        `select host, path from sandbox_log.requests where id > $1 and path like '/sandbox/cardpointe/%' order by id`,
        [sinceId],
      )
    ).rows;
  } finally {
    await c.end();
  }
}

async function lastLogId(): Promise<number> {
  await flushRequestLog();
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    if (!(await c.query(`select to_regclass('sandbox_log.requests') as r`)).rows[0].r) return 0;
    return Number((await c.query(`select coalesce(max(id), 0) as m from sandbox_log.requests`)).rows[0].m);
  } finally {
    await c.end();
  }
}

describe("UAT as an environment", () => {
  it("switches to UAT only after the UAT connection tests OK, then calls <site>-uat.cardconnect.com", async () => {
    const since = await lastLogId();
    const wrong = await asAdmin(updateCardPointeConnectionAction, {
      environment: "uat",
      site,
      merchid: uatCreds.merchid,
      username: uatCreds.username,
      password: "not-the-password",
    });
    expect(wrong.ok).toBe(false);
    const [still] = await getDb().select().from(merchants).where(eq(merchants.id, t.merchantA));
    expect(still!.environment).toBe("sandbox");

    const r = await asAdmin(updateCardPointeConnectionAction, {
      environment: "uat",
      site,
      merchid: uatCreds.merchid,
      username: uatCreds.username,
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.data.results[0]).toMatchObject({ ok: true });
    expect(r.data.results[0]!.call).toContain(`https://${site}-uat.cardconnect.com/cardconnect/rest/inquireMerchant/`);
    const [now] = await getDb().select().from(merchants).where(eq(merchants.id, t.merchantA));
    expect(now!.environment).toBe("uat");

    const tests = await asAdmin(testConnectionsAction, {});
    if (!tests.ok) throw new Error(JSON.stringify(tests));
    expect(tests.data.results[0]).toMatchObject({ service: "CardPointe Gateway", ok: true });

    const logged = await hostsLogged(since);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((l) => l.host.startsWith(`${site}-uat.`))).toBe(true);
    expect(logged).toContainEqual({
      host: `${site}-uat.cardpointe.com`,
      path: `/sandbox/cardpointe/${site}-uat/api/v1/ping`,
    });
    expect(logged).toContainEqual({
      host: `${site}-uat.cardconnect.com`,
      path: `/sandbox/cardpointe/${site}-uat/cardconnect/rest/inquireMerchant/${uatCreds.merchid}`,
    });
    // The same, as the sandbox's control API shows it (host asked for, no bodies).
    const view = (await (
      await fetch(`${origin.url}/sandbox/_control/requests?host=${site}-uat.cardconnect.com&path=/sandbox/cardpointe/`)
    ).json()) as { requests: { host: string; path: string; body?: unknown }[] };
    expect(view.requests.length).toBeGreaterThan(0);
    expect(view.requests.every((q) => q.host === `${site}-uat.cardconnect.com` && q.body === undefined)).toBe(true);
    expect((await fetch(`${origin.url}/sandbox/_control/requests`, { method: "POST" })).status).toBe(405);
    // The browser's tokenizer comes from the emulator's UAT prefix, not the unreachable vendor host.
    const gw = await gatewayForMerchant(t.merchantA);
    expect(gw.tokenizerConfig().url).toContain(`${origin.url}/sandbox/cardpointe/${site}-uat/itoke/`);

    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, t.merchantA), eq(auditLog.action, "merchant.gateway_connection_updated")))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit!.after).toMatchObject({ environment: "uat", site });
    expect(JSON.stringify(audit)).not.toContain(uatCreds.password);
  });

  it("refuses in production a token made in UAT (invalid token), on <site>.cardconnect.com", async () => {
    // A UAT token, from UAT CardSecure.
    const token = await cardSecureToken(`${origin.url}/sandbox/cardpointe/${site}-uat/cardsecure/api/v1/ccn/tokenize`);
    // It charges in UAT.
    const uat = await gatewayForMerchant(t.merchantA);
    const sale = await uat.transactions.create({
      type: "sale",
      amount: 1234,
      source: { kind: "token", token },
      idempotencyKey: "uat-sale-1",
    });
    expect(sale.approved).toBe(true);

    // The merchant's production MID on the same site.
    const made = await fetch(`${origin.url}/sandbox/cardpointe/_control/merchants`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ site, environment: "prod" }),
    });
    expect(made.status).toBe(201);
    const prod = (await made.json()) as { merchid: string; username: string; password: string };
    const since = await lastLogId();
    const switched = await asAdmin(updateCardPointeConnectionAction, {
      environment: "production",
      site,
      merchid: prod.merchid,
      username: prod.username,
      password: prod.password,
    });
    if (!switched.ok) throw new Error(JSON.stringify(switched));
    const live = await gatewayForMerchant(t.merchantA);
    const refused = await live.transactions
      .create({ type: "sale", amount: 1234, source: { kind: "token", token }, idempotencyKey: "prod-sale-1" })
      .then(
        () => null,
        (e: unknown) => e,
      );
    // CardPointe answers PPS 98 "Invalid token" (seed 000 line 63: "will fail with the error 'invalid token'").
    expect(refused).toBeInstanceOf(InvalidRequest);
    expect((refused as InvalidRequest).gatewayMessage).toMatch(/invalid token/i);
    const logged = await hostsLogged(since);
    expect(logged.map((l) => l.host)).toContain(`${site}.cardconnect.com`);
    expect(logged.every((l) => !l.host.includes("-uat"))).toBe(true);
    expect(logged.some((l) => l.path === `/sandbox/cardpointe/${site}/cardconnect/rest/auth`)).toBe(true);
  });

  it("cannot point a production merchant at a test host, nor reach a host no emulator serves", async () => {
    const { emulatorUrlFor } = await import("@/lib/gateway/sandbox-hosts");
    expect(emulatorUrlFor("https://fts-uat.cardconnect.com/cardconnect/rest/auth", "http://x")).toBe(
      "http://x/sandbox/cardpointe/fts-uat/cardconnect/rest/auth",
    );
    expect(emulatorUrlFor("https://useast.api.elasticpath.com/v2/orders/1/payments", "http://x")).toBe(
      "http://x/sandbox/elasticpath/v2/orders/1/payments",
    );
    expect(emulatorUrlFor("https://api-uat.cardconnect.com/merchant", "http://x")).toBe(
      "http://x/sandbox/copilot/api/merchant",
    );
    expect(emulatorUrlFor("https://copilot-api-uat.cardconnect.com/x", "http://x")).toBeNull();
    expect(emulatorUrlFor("https://evil.example.com/cardconnect", "http://x")).toBeNull();
    expect(emulatorUrlFor("http://fts.cardconnect.com/", "http://x")).toBeNull();
  });
});
