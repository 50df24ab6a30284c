/**
 * Offset pagination for the list pages: `pageSize` 1–100 (default 25), `page` from 1. The page's rows and the
 * total run together; each caller passes its own merchant-scoped queries.
 */
export async function paginate<T>(
  params: { page?: number; pageSize?: number },
  rows: (limit: number, offset: number) => PromiseLike<T[]>,
  total: PromiseLike<{ n: number }[]>,
): Promise<{ items: T[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(Math.trunc(params.pageSize ?? 25), 1), 100);
  const page = Math.max(Math.trunc(params.page ?? 1), 1);
  const [items, totals] = await Promise.all([rows(pageSize, (page - 1) * pageSize), total]);
  return { items, total: totals[0]?.n ?? 0, page, pageSize };
}
