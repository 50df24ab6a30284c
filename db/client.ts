import "server-only";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = NodePgDatabase<typeof schema>;
/** A database handle or an open transaction: queries accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { __portalPool?: pg.Pool; __portalDb?: Db };

// int8 (bigint) columns carry money sums and counts; they fit in a JS number far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the portal with `npm start` / `npm run dev` (they start the embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  return url;
}

export function getPool(): pg.Pool {
  if (!globalForDb.__portalPool) {
    const pool = new pg.Pool({
      connectionString: databaseUrl(),
      max: 20,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client losing its connection (database restart, failover) must not crash the process;
    // the pool drops it and the next query gets a fresh connection.
    pool.on("error", (err) => {
      console.warn(`database: idle connection closed (${(err as { code?: string }).code ?? err.message})`);
    });
    globalForDb.__portalPool = pool;
  }
  return globalForDb.__portalPool;
}

export function getDb(): Db {
  globalForDb.__portalDb ??= drizzle(getPool(), { schema, casing: "snake_case" });
  return globalForDb.__portalDb;
}

export async function closeDb(): Promise<void> {
  const pool = globalForDb.__portalPool;
  globalForDb.__portalPool = undefined;
  globalForDb.__portalDb = undefined;
  await pool?.end();
}
