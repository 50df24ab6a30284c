import { randomUUID } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { leases } from "@/db/schema";
import { UserError } from "@/lib/errors";

/**
 * Runs `work` while holding the lease `key`, one holder at a time across every app instance. Taking and returning the
 * lease are single statements: a waiter polls without holding a pooled connection, and the holder holds none across
 * `work` (which may call a provider). A holder that dies frees the lease when `ttlMs` runs out. After `waitMs` without
 * the lease, the caller is told to try again (`conflict`).
 */
export async function withLease<T>(
  key: string,
  work: () => Promise<T>,
  opts: { ttlMs?: number; waitMs?: number; busyMessage?: string } = {},
): Promise<T> {
  const ttl = opts.ttlMs ?? 120_000;
  const until = Date.now() + (opts.waitMs ?? 60_000);
  const holder = randomUUID();
  let pause = 20;
  for (;;) {
    const got = await getDb()
      .insert(leases)
      .values({ key, holder, expiresAt: sql`now() + make_interval(secs => ${ttl / 1000})` })
      .onConflictDoUpdate({
        target: leases.key,
        set: { holder, expiresAt: sql`now() + make_interval(secs => ${ttl / 1000})` },
        setWhere: lt(leases.expiresAt, sql`now()`),
      })
      .returning({ holder: leases.holder });
    if (got[0]?.holder === holder) break;
    if (Date.now() > until) {
      throw new UserError("conflict", opts.busyMessage ?? "This is being done by someone else right now. Try again.");
    }
    await new Promise((r) => setTimeout(r, pause + Math.random() * pause));
    pause = Math.min(pause * 2, 400);
  }
  try {
    return await work();
  } finally {
    await getDb()
      .delete(leases)
      .where(and(eq(leases.key, key), eq(leases.holder, holder)))
      .catch(() => undefined);
  }
}
