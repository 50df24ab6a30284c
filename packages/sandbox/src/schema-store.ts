import type pg from "pg";
import { sandboxPool } from "./pool";

/**
 * A sandbox's own schema: its idempotent DDL runs once per process, serialised across processes by an advisory
 * lock (racing "create … if not exists" can still collide in the catalog), then queries and transactions run on the
 * sandboxes' pool.
 */
export function sandboxSchema(name: string, ddl: () => string[]) {
  let ready: Promise<void> | undefined;

  function ensureSchema(): Promise<void> {
    ready ??= (async () => {
      const client = await sandboxPool().connect();
      const lock = `${name}.ddl`;
      try {
        await client.query("select pg_advisory_lock(hashtext($1))", [lock]);
        for (const statement of ddl()) await client.query(statement);
      } finally {
        await client.query("select pg_advisory_unlock(hashtext($1))", [lock]).catch(() => undefined);
        client.release();
      }
    })().catch((err: unknown) => {
      ready = undefined;
      throw err;
    });
    return ready;
  }

  async function db(): Promise<pg.Pool> {
    await ensureSchema();
    return sandboxPool();
  }

  /** Runs `fn` in one transaction on one connection. */
  async function withTx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await (await db()).connect();
    try {
      await client.query("begin");
      const out = await fn(client);
      await client.query("commit");
      return out;
    } catch (err) {
      await client.query("rollback").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Makes the next `ensureSchema` run the DDL again (after more DDL was registered). */
  function reset(): void {
    ready = undefined;
  }

  return { ensureSchema, db, withTx, reset };
}
