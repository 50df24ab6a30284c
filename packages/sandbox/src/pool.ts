import pg from "pg";
import { sandboxDatabaseUrl } from "./config";

/**
 * The sandboxes' one connection pool. They emulate external services, so they never compete with the portal for its
 * connections: a burst of portal requests waiting on a lock while the emulated gateway needs a connection to answer
 * them would otherwise starve both (in production the provider is another system entirely).
 */
const holder = globalThis as unknown as { __sandboxPool?: pg.Pool };

// int8 (counts, sums, clock offsets) read as numbers, on this pool only; they stay far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === 20
      ? (v: string) => Number.parseInt(v, 10)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function sandboxPool(): pg.Pool {
  if (!holder.__sandboxPool) {
    const pool = new pg.Pool({ connectionString: sandboxDatabaseUrl(), max: 20, idleTimeoutMillis: 30_000, types });
    pool.on("error", (err) => {
      console.warn(`sandbox database: idle connection closed (${(err as { code?: string }).code ?? err.message})`);
    });
    holder.__sandboxPool = pool;
  }
  return holder.__sandboxPool;
}

/** Ends the pool (a CLI that provisioned sandbox accounts in-process, before it exits). */
export async function closeSandboxPool(): Promise<void> {
  const pool = holder.__sandboxPool;
  holder.__sandboxPool = undefined;
  await pool?.end();
}
