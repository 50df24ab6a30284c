import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { type Action, GUARD, type GuardInfo } from "@/lib/actions/safe-action";
import { runAsSession, type SessionClaims } from "@/lib/auth/session";

export type Module = Record<string, unknown>;

/** Exported functions that do not carry the guard marker of an action client / guarded route. */
export function unguardedExports(mod: Module): string[] {
  return Object.entries(mod)
    .filter(([, v]) => typeof v === "function" && !(GUARD in (v as object)))
    .map(([k]) => k);
}

export function guardOf(fn: unknown): GuardInfo | undefined {
  return (fn as { [GUARD]?: GuardInfo })[GUARD];
}

/** Row counts of every table the portal owns: proof that a rejected call stored nothing. */
export async function tableFingerprint(): Promise<string> {
  const tables = await getDb().execute<{ t: string }>(
    sql`select quote_ident(schemaname) || '.' || quote_ident(tablename) as t from pg_tables where schemaname = 'public' order by 1`,
  );
  const counts: string[] = [];
  for (const { t } of tables.rows) {
    const r = await getDb().execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${t}`));
    counts.push(`${t}=${r.rows[0]?.n}`);
  }
  return counts.join(",");
}

/** Calls an action as `claims` with a hostile input aimed at `scope`. */
export function callAs(claims: SessionClaims | null, action: Action<unknown>, input: Record<string, unknown>) {
  return runAsSession(claims, () => action(input));
}
