import { z } from "zod";
import { ok } from "../core/envelope";
import { q } from "../core/schema";
import type { Route, RouteCtx } from "../core/types";
import { parseBody } from "../recurring/parse-body";
import { DEFAULT_LIMIT, paging, searchConditions, SqlWhere } from "../recurring/search-query";
import { fromRow, INVOICE_COLUMNS, invoiceWire, type InvoiceRow } from "./store";

const { stringCond, intCond, dateRange } = searchConditions;

/**
 * `POST /api/invoices/search`: the seed's id / amount_due / date_due conditions, plus customer_id,
 * invoice_number and status (services.md §5.2); limit 0-100 (0 or absent → 10), offset. Newest first.
 */
const body = z.object({
  id: stringCond.optional(),
  customer_id: stringCond.optional(),
  invoice_number: stringCond.optional(),
  status: stringCond.optional(),
  amount_due: intCond.optional(),
  date_due: dateRange.optional(),
  ...paging,
});

async function search(ctx: RouteCtx): Promise<Response> {
  const b = parseBody(body, ctx.body);
  const where = new SqlWhere([ctx.account.id]);
  where.string("id", b.id);
  where.string("customer_id", b.customer_id);
  where.string("invoice_number", b.invoice_number);
  where.string("status", b.status);
  where.int("amount_due", b.amount_due);
  where.range("date_due", "date_due", b.date_due);
  const filter = `from sandbox_gateway.invoice_invoices where account_id = $1${where.sql()}`;
  const count = await q<{ n: number }>(`select count(*)::int as n ${filter}`, where.params);
  const rows = await q<InvoiceRow>(
    `select ${INVOICE_COLUMNS} ${filter} order by created_at desc, id desc
     limit ${b.limit || DEFAULT_LIMIT} offset ${b.offset ?? 0}`,
    where.params,
  );
  return ok(
    rows.rows.map((r) => invoiceWire(fromRow(r), ctx.origin, ctx.account.merchantId)),
    count.rows[0]?.n ?? 0,
  );
}

export const invoiceSearchRoutes: Route[] = [
  { method: "POST", path: "/api/invoices/search", auth: "private", handle: search },
];
