import type { PgSelect } from "drizzle-orm/pg-core";

/**
 * Offset pagination for the list pages: `pageSize` 1–100 (default 25), `page` from 1. Runs the caller's ordered,
 * merchant-scoped select (made `.$dynamic()`) for that page together with its count.
 */
export async function paginate<Q extends PgSelect>(
  params: { page?: number; pageSize?: number },
  rows: Q,
  total: PromiseLike<{ n: number }[]>,
): Promise<{ items: Awaited<Q>; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(Math.trunc(params.pageSize ?? 25), 1), 100);
  const page = Math.max(Math.trunc(params.page ?? 1), 1);
  const [items, totals] = await Promise.all([rows.limit(pageSize).offset((page - 1) * pageSize), total]);
  return { items, total: totals[0]?.n ?? 0, page, pageSize };
}

/** A list query's `limit`/`offset` (default 50 from 0). */
export interface OffsetPaging {
  limit?: number;
  offset?: number;
}

/** `limit`/`offset` paging (default 50 from 0) of the caller's ordered select (made `.$dynamic()`), then its count. */
export async function pageByOffset<Q extends PgSelect>(
  f: OffsetPaging,
  rows: Q,
  total: () => PromiseLike<{ n: number }[]>,
): Promise<{ rows: Awaited<Q>; total: number }> {
  const page = await rows.limit(f.limit ?? 50).offset(f.offset ?? 0);
  const [count] = await total();
  return { rows: page, total: count?.n ?? 0 };
}
