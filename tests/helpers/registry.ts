import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { Action } from "@/lib/actions/safe-action";
import { GUARD, type GuardInfo } from "@/lib/auth/guard-info";
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

/**
 * Every server action file (lib/actions) and every route handler file (app/api), enumerated from the file
 * system at build time: a new action or route is covered by every suite that walks these.
 */
export const actionModules = import.meta.glob<Module>(["/lib/actions/**/*.ts", "!/lib/actions/**/*.test.ts"]);
export const apiRouteModules = import.meta.glob<Module>("/app/api/**/route.ts");
export const INFRA_ACTION_MODULES = new Set(["/lib/actions/safe-action.ts"]);

/** [file, export name, action] for every exported server action. */
export async function listActions(): Promise<{ file: string; name: string; action: Action<unknown> }[]> {
  const out: { file: string; name: string; action: Action<unknown> }[] = [];
  for (const [file, load] of Object.entries(actionModules)) {
    if (INFRA_ACTION_MODULES.has(file)) continue;
    for (const [name, fn] of Object.entries(await load()))
      if (typeof fn === "function") out.push({ file, name, action: fn as Action<unknown> });
  }
  return out;
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type RouteHandler = (req: Request, ctx: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

/** [file, method, handler] for every exported HTTP method of every app/api route.ts. */
export async function listRouteHandlers(): Promise<{ file: string; method: string; handler: RouteHandler }[]> {
  const out: { file: string; method: string; handler: RouteHandler }[] = [];
  for (const [file, load] of Object.entries(apiRouteModules)) {
    const mod = await load();
    for (const method of HTTP_METHODS)
      if (typeof mod[method] === "function") out.push({ file, method, handler: mod[method] as RouteHandler });
  }
  return out;
}
