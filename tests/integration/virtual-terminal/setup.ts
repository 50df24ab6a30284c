import fs from "node:fs";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { resetEnvCache } from "@/lib/env";
import { connectSandbox } from "@/tests/helpers/sandbox-merchant";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import type { Served } from "@/tests/helpers/serve";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/**
 * Shared by the vault and virtual-terminal integration tests: the gateway sandbox over real HTTP, a tenant
 * pair whose merchant A has sandbox credentials, a tokenizer stand-in for the browser iframe, and a recorder
 * of everything the portal sends or logs (for the card-number scans).
 */
export interface World {
  served: Served;
  t: Tenants;
  publicKey: string;
  apiKey: string;
  /** Every HTTP request body the portal's code sent in this process. */
  sent: { url: string; body: string }[];
  /** Log output written while the tests ran. */
  logged: string[];
  /** Unrecorded fetch, for what the browser's tokenizer iframe sends straight to the gateway. */
  browserFetch: typeof fetch;
  close(): Promise<void>;
}

export async function makeWorld(): Promise<World> {
  const sent: World["sent"] = [];
  const logged: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (typeof init?.body === "string") sent.push({ url, body: init.body });
    return realFetch(input, init);
  }) as typeof fetch;
  // pino writes to fd 1 through sonic-boom, which calls fs.write / fs.writeSync.
  const realWriteSync = fs.writeSync;
  const realWrite = fs.write;
  const mutableFs = fs as { writeSync: typeof fs.writeSync; write: typeof fs.write };
  mutableFs.writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd === 1 || fd === 2) logged.push(String(data));
    return (realWriteSync as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof fs.writeSync;
  mutableFs.write = ((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd === 1 || fd === 2) logged.push(String(data));
    return (realWrite as (...a: unknown[]) => void)(fd, data, ...rest);
  }) as typeof fs.write;

  // The sandboxes (gateway and CardPointe) and the webhook receiver under one origin, as the portal serves them.
  const served = await servePortalOrigin();
  // Real log output, so the card-number scan reads what production would write.
  process.env.LOG_LEVEL = "info";
  resetEnvCache();
  const t = await makeTenants("fluidpay");
  const p = await connectSandbox(t.merchantA, "VT Test", "fluidpay");
  const creds = p.credentials.gateway;
  if (creds.family !== "fluidpay") throw new Error("expected a fluidpay merchant");
  return {
    served,
    t,
    publicKey: creds.publicKey,
    apiKey: creds.apiKey,
    sent,
    logged,
    browserFetch: realFetch,
    async close() {
      globalThis.fetch = realFetch;
      mutableFs.writeSync = realWriteSync;
      mutableFs.write = realWrite;
      await served.close();
    },
  };
}

/** What the tokenizer iframe does in the browser: card details go to the gateway, the page gets a token. */
export async function tokenize(world: World, card = "4111111111111111", cvc = "123"): Promise<string> {
  const res = await world.browserFetch(`${world.served.url}/sandbox/gateway/tokenizer/${world.publicKey}/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "card", card: { number: card, expiration_date: "12/30", cvc } }),
  });
  const json = (await res.json()) as { data?: { token?: string } };
  if (!json.data?.token) throw new Error(`tokenizer refused: ${JSON.stringify(json)}`);
  return json.data.token;
}

/** Every row of every portal table as text, for "no full card number is stored" scans. */
export async function allRowsText(): Promise<string> {
  const db = getDb();
  const tables = await db.execute<{ t: string }>(
    sql`select quote_ident(tablename) as t from pg_tables where schemaname = 'public'`,
  );
  let out = "";
  for (const { t } of tables.rows) {
    const r = await db.execute(sql.raw(`select * from ${t}`));
    out += JSON.stringify(r.rows);
  }
  return out;
}

/** A CardPointe merchant (UAT sandbox) for tenant `merchantId`; returns its CardSecure tokenize URL. */
export async function connectCardPointe(world: World, merchantId: string): Promise<{ tokenizeUrl: string }> {
  const p = await connectSandbox(merchantId, "Corner Test", "cardpointe");
  return { tokenizeUrl: `${world.served.url}/sandbox/cardpointe/${p.site}-uat/cardsecure/api/v1/ccn/tokenize` };
}
