import { sandboxPool } from "../../pool";
import { getAccount } from "./accounts";
import { ensureSchema, q } from "./schema";
import type { Account } from "./types";

/**
 * Each account has its own simulated clock: real time + an offset stored in the schema. Time only
 * ever moves forward; moving it runs the registered hooks (subscription billing, batch close) over
 * every day in between, one step per day boundary, so a 3-month jump bills and settles day by day.
 */
export type ClockHook = (account: Account, from: Date, to: Date) => Promise<void>;

const hooks: { name: string; fn: ClockHook }[] = [];

/** Registration order is run order; registering a name again replaces it in place (hot reload). */
export function registerClockHook(name: string, fn: ClockHook): void {
  const existing = hooks.find((h) => h.name === name);
  if (existing) existing.fn = fn;
  else hooks.push({ name, fn });
}

export async function accountNow(accountId: string): Promise<Date> {
  const r = await q<{ clock_offset_ms: number }>(`select clock_offset_ms from sandbox_gateway.accounts where id = $1`, [
    accountId,
  ]);
  return new Date(Date.now() + Number(r.rows[0]?.clock_offset_ms ?? 0));
}

function nextUtcMidnight(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
}

/** Passive ticks (on ordinary requests) run at most this often per account. */
export const PASSIVE_TICK_MS = 30_000;

/**
 * Runs the hooks from the account's last tick up to `target` (its simulated now after an advance, or
 * the current simulated now). Serialised per account by an advisory lock; a passive tick that finds
 * the lock taken simply skips (the holder is already moving the clock).
 */
async function runTo(account: Account, advanceMs: number, passive: boolean): Promise<Date> {
  await ensureSchema();
  const client = await sandboxPool().connect();
  const lockKey = `sandbox_gateway_clock:${account.id}`;
  try {
    if (passive) {
      const got = await client.query<{ ok: boolean }>("select pg_try_advisory_lock(hashtext($1)) as ok", [lockKey]);
      if (!got.rows[0]?.ok) return await accountNow(account.id);
    } else {
      await client.query("select pg_advisory_lock(hashtext($1))", [lockKey]);
    }
    try {
      const r = await client.query<{ clock_offset_ms: number; last_tick: Date }>(
        `select clock_offset_ms, last_tick from sandbox_gateway.accounts where id = $1`,
        [account.id],
      );
      const row = r.rows[0];
      if (!row) throw new Error("account vanished");
      const target = new Date(Date.now() + Number(row.clock_offset_ms) + advanceMs);
      let cursor = new Date(row.last_tick);
      if (passive && target.getTime() - cursor.getTime() < PASSIVE_TICK_MS) return target;
      while (cursor < target) {
        const midnight = nextUtcMidnight(cursor);
        const stepTo = midnight < target ? midnight : target;
        // Hooks that ask accountNow() during a step see the step's end, not the final target.
        await client.query(
          `update sandbox_gateway.accounts set clock_offset_ms = greatest(clock_offset_ms, $2::bigint) where id = $1`,
          [account.id, stepTo.getTime() - Date.now()],
        );
        for (const h of hooks) await h.fn(account, cursor, stepTo);
        await client.query(`update sandbox_gateway.accounts set last_tick = $2 where id = $1`, [account.id, stepTo]);
        cursor = stepTo;
      }
      const offset = target.getTime() - Date.now();
      await client.query(
        `update sandbox_gateway.accounts set clock_offset_ms = greatest(clock_offset_ms, $2::bigint) where id = $1`,
        [account.id, offset],
      );
      return target;
    } finally {
      await client.query("select pg_advisory_unlock(hashtext($1))", [lockKey]);
    }
  } finally {
    client.release();
  }
}

/** Moves the account's clock forward and runs every hook over each day in between; returns the new now. */
export async function advanceClock(accountId: string, seconds: number): Promise<Date> {
  const account = await getAccount(accountId);
  if (!account) throw new Error("unknown account");
  return runTo(account, Math.max(0, Math.round(seconds * 1000)), false);
}

/** Catches the hooks up with real time passing (called on requests; cheap when nothing is due). */
export async function tickClock(account: Account): Promise<Date> {
  return runTo(account, 0, true);
}
