import { z } from "zod";
import { ok } from "../core/envelope";
import { q } from "../core/schema";
import type { Route, RouteCtx } from "../core/types";
import { parseBody } from "./parse-body";
import { DEFAULT_LIMIT, paging, searchConditions, SqlWhere } from "./search-query";
import { fromRow, subscriptionWire, SUBSCRIPTION_COLUMNS, type SubscriptionRow } from "./subscription-store";

const { stringCond, intCond, dateRange } = searchConditions;

/**
 * `POST /api/recurring/subscription/search` (services.md §5.2; the seed names the endpoint family but
 * not its body): string conditions on id, plan_id, customer_id, status, billing_frequency; an int
 * condition on amount; a next_bill_date range; limit (0-100) and offset. Newest first.
 */
const body = z.object({
  id: stringCond.optional(),
  plan_id: stringCond.optional(),
  customer_id: stringCond.optional(),
  status: stringCond.optional(),
  billing_frequency: stringCond.optional(),
  amount: intCond.optional(),
  next_bill_date: dateRange.optional(),
  ...paging,
});

async function search(ctx: RouteCtx): Promise<Response> {
  const b = parseBody(body, ctx.body);
  const where = new SqlWhere([ctx.account.id]);
  where.string("id", b.id);
  where.string("plan_id", b.plan_id);
  where.string("customer->>'id'", b.customer_id);
  where.string("status", b.status);
  where.string("billing_frequency", b.billing_frequency);
  where.int("amount", b.amount);
  where.range("next_bill_date", "next_bill_date", b.next_bill_date, "date");
  const filter = `from sandbox_gateway.recurring_subscriptions where account_id = $1${where.sql()}`;
  const count = await q<{ n: number }>(`select count(*)::int as n ${filter}`, where.params);
  const limit = b.limit || DEFAULT_LIMIT;
  const rows = await q<SubscriptionRow>(
    `select ${SUBSCRIPTION_COLUMNS} ${filter} order by created_at desc, id desc
     limit ${limit} offset ${b.offset ?? 0}`,
    where.params,
  );
  return ok(
    rows.rows.map((r) => subscriptionWire(fromRow(r))),
    count.rows[0]?.n ?? 0,
  );
}

export const subscriptionSearchRoutes: Route[] = [
  { method: "POST", path: "/api/recurring/subscription/search", auth: "private", handle: search },
];
