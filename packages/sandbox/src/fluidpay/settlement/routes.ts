import { GatewayError, badRequest, ok } from "../core/envelope";
import { asObject } from "../core/fields";
import { dateFilter, dateRange, paging, path, stringFilter, type Predicate } from "../core/search";
import { q } from "../core/schema";
import type { Route } from "../core/types";
import { closeBatch, type BatchData } from "./close";

async function searchBatches(accountId: string, body: unknown) {
  const o = asObject(body);
  const { limit, offset } = paging(o, 10, 1000);
  const preds: Predicate[] = [];
  const range = dateFilter(dateRange(o, "batch_date"), path("batch_date"));
  if (range) preds.push(range);
  const idp = stringFilter(o, "settlement_batch_id", path("id"));
  if (idp) preds.push(idp);
  if (o.settlement_batch_id && typeof o.settlement_batch_id === "object") {
    const op = (o.settlement_batch_id as Record<string, unknown>).operator;
    if (op !== undefined && op !== "=" && op !== "!=") throw badRequest("invalid settlement_batch_id.operator");
  }
  const r = await q<{ data: BatchData }>(
    `select data from sandbox_gateway.batches where account_id = $1 order by batch_date desc, batch_number desc`,
    [accountId],
  );
  const all = r.rows.map((x) => x.data).filter((b) => preds.every((p) => p(b as unknown as Record<string, unknown>)));
  // Summary: one line per batch day and processor over every match (not just the page).
  const summary = new Map<string, Record<string, unknown>>();
  for (const b of all) {
    const day = b.batch_date.slice(0, 10);
    const key = `${day}|${b.processor_id}`;
    const s = summary.get(key) ?? {
      merchant_id: b.merchant_id,
      batch_date: day,
      processor_id: b.processor_id,
      processor_name: b.processor_name,
      num_transactions: 0,
      captured: 0,
      credit: 0,
    };
    s.num_transactions = (s.num_transactions as number) + b.num_transactions;
    s.captured = (s.captured as number) + b.amount_captured;
    s.credit = (s.credit as number) + b.amount_credit;
    summary.set(key, s);
  }
  return { summary: [...summary.values()], results: all.slice(offset, offset + limit), total: all.length };
}

export const settlementRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/settlement/batch/search",
    auth: "private",
    async handle({ account, body }) {
      const { summary, results, total } = await searchBatches(account.id, body);
      return ok({ summary, results }, total);
    },
  },
  {
    method: "POST",
    path: "/api/terminal/:id/settle",
    auth: "private",
    async handle({ account, params, now }) {
      const t = await q(`select 1 from sandbox_gateway.terminals where account_id = $1 and id = $2`, [
        account.id,
        params.id,
      ]);
      if (!t.rowCount) throw new GatewayError(404, "terminal not found");
      const batch = await closeBatch(account, now, params.id);
      return ok(batch ?? null);
    },
  },
];
