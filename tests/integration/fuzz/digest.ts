import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

/**
 * A digest of everything the portal stores for one set of tenants: per table, the row count and the md5 of the
 * rows (as text, sorted). Tables are scoped by the first of: their own id (partners, merchants, users), then a
 * merchant_id, partner_id or user_id column. Tables with none of these hold no tenant data and are listed in
 * `unscoped` (rate_limits — throttling counters keyed by email/IP/link — and the migrations/job tables).
 */
export interface TenantScope {
  merchantIds: string[];
  partnerIds: string[];
  userIds: string[];
}

export interface Digester {
  digest(): Promise<Record<string, string>>;
  tables: string[];
  unscoped: string[];
}

const OWN_ID: Record<string, keyof TenantScope> = {
  partners: "partnerIds",
  merchants: "merchantIds",
  users: "userIds",
};
const COLUMN: [string, keyof TenantScope][] = [
  ["merchant_id", "merchantIds"],
  ["partner_id", "partnerIds"],
  ["user_id", "userIds"],
];

const literal = (ids: string[]) => (ids.length ? ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(",") : "NULL");

export async function tenantDigester(scope: TenantScope): Promise<Digester> {
  const cols = await getDb().execute<{ table_name: string; column_name: string }>(
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and table_name in (select tablename from pg_tables where schemaname = 'public')
        order by table_name`,
  );
  const byTable = new Map<string, Set<string>>();
  for (const r of cols.rows)
    (byTable.get(r.table_name) ?? byTable.set(r.table_name, new Set()).get(r.table_name))!.add(r.column_name);
  const parts: string[] = [];
  const tables: string[] = [];
  const unscoped: string[] = [];
  for (const [table, columns] of byTable) {
    const own = OWN_ID[table];
    const hit = own ? (["id", own] as const) : COLUMN.find(([c]) => columns.has(c));
    if (!hit) {
      unscoped.push(table);
      continue;
    }
    const [column, key] = hit;
    tables.push(table);
    const t = `"${table}"`;
    parts.push(
      `select '${table}' as t, count(*)::text || ':' || md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as d
       from ${t} x where x."${column}"::text in (${literal(scope[key])})`,
    );
  }
  const query = sql.raw(parts.join(" union all "));
  return {
    tables,
    unscoped,
    async digest() {
      const r = await getDb().execute<{ t: string; d: string }>(query);
      return Object.fromEntries(r.rows.map((row) => [row.t, row.d]));
    },
  };
}
