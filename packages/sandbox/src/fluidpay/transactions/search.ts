import { asObject, type Obj } from "../core/fields";
import { badRequest } from "../core/envelope";
import { dateRange, paging } from "../core/search";
import { q } from "../core/schema";
import type { TxnData } from "./store";
import { TXN_ADDRESS_FIELDS } from "../core/fields";

const STRING_FIELDS: Record<string, string[]> = {
  transaction_id: ["id"],
  user_id: ["user_id"],
  type: ["type"],
  ip_address: ["ip_address"],
  po_number: ["po_number"],
  order_id: ["order_id"],
  payment_method: ["payment_method"],
  payment_type: ["payment_type"],
  status: ["status"],
  processor_id: ["processor_id"],
  customer_id: ["customer_id"],
  subscription_id: ["subscription_id"],
  settlement_batch_id: ["settlement_batch_id"],
};
const INT_FIELDS = ["amount", "amount_authorized", "amount_captured", "amount_settled", "tax_amount"];
const FOUR_MONTHS_MS = 122 * 24 * 3600 * 1000;

/**
 * The documented query objects (seed 003: QuerySearchString `=`/`!=`/`%`, QuerySearchInt `=`/`!=`/`<`/`>`,
 * QueryDateRange) as SQL conditions over the stored jsonb, so the database filters, orders and pages like a
 * real service instead of the emulator reading every row of the account. Strings compare case-insensitively
 * with a missing value as ""; a missing integer is 0; a date range needs the field to be set.
 */
class Where {
  readonly conds: string[] = [];
  constructor(readonly params: unknown[]) {}

  private param(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }

  string(o: Obj, field: string, keys: string[]) {
    const raw = o[field];
    if (raw === undefined || raw === null) return;
    const c = asObject(raw, field);
    const op = c.operator ?? "=";
    const value = c.value;
    if (value === undefined || value === null || value === "") return;
    if (typeof value !== "string") throw badRequest(`invalid ${field}.value: must be a string`);
    const col = `lower(coalesce(data #>> '${jsonPath(keys)}', ''))`;
    const want = value.toLowerCase();
    if (op === "=") this.conds.push(`${col} = ${this.param(want)}`);
    else if (op === "!=") this.conds.push(`${col} <> ${this.param(want)}`);
    else if (op === "%") this.conds.push(`strpos(${col}, ${this.param(want)}) > 0`);
    else throw badRequest(`invalid ${field}.operator`);
  }

  int(o: Obj, field: string) {
    const raw = o[field];
    if (raw === undefined || raw === null) return;
    const c = asObject(raw, field);
    const op = c.operator ?? "=";
    const value = c.value;
    if (value === undefined || value === null) return;
    if (typeof value !== "number" || !Number.isInteger(value))
      throw badRequest(`invalid ${field}.value: must be an integer`);
    const sqlOp = ({ "=": "=", "!=": "<>", "<": "<", ">": ">" } as Record<string, string>)[String(op)];
    if (!sqlOp) throw badRequest(`invalid ${field}.operator`);
    const col = `(case jsonb_typeof(data -> '${field}') when 'number' then (data ->> '${field}')::numeric
      when 'null' then 0 when null then 0 end)`;
    this.conds.push(`${col} ${sqlOp} ${this.param(value)}`);
  }

  /** A range on a timestamp held in `data` (ISO string; unset or empty never matches). */
  dates(range: { start?: number; end?: number } | undefined, key: string) {
    if (!range) return;
    const col = `(case when coalesce(data ->> '${key}', '') <> '' then (data ->> '${key}')::timestamptz end)`;
    if (range.start !== undefined) this.conds.push(`${col} >= ${this.param(new Date(range.start))}`);
    if (range.end !== undefined) this.conds.push(`${col} <= ${this.param(new Date(range.end))}`);
  }

  sql(): string {
    return this.conds.map((c) => ` and ${c}`).join("");
  }
}

/** `{a,b}` for `#>>`: the keys are this module's constants, never request input. */
function jsonPath(keys: string[]): string {
  return `{${keys.join(",")}}`;
}

/** `/api/transaction/search`: the documented filters, newest first; default window is the prior 4 months. */
export async function searchTransactions(
  accountId: string,
  body: unknown,
  now: Date,
): Promise<{ results: TxnData[]; total: number }> {
  const o = asObject(body);
  const { limit, offset } = paging(o, 10);
  const where = new Where([accountId]);
  for (const [field, keys] of Object.entries(STRING_FIELDS)) where.string(o, field, keys);
  for (const field of INT_FIELDS) where.int(o, field);
  for (const kind of ["billing_address", "shipping_address"]) {
    const sub = o[kind];
    if (sub && typeof sub === "object") {
      const so = asObject(sub, kind);
      for (const f of TXN_ADDRESS_FIELDS) where.string(so, f, [kind, f]);
      where.string(so, "address_id", [`customer_${kind}_id`]);
    }
  }
  const created = dateRange(o, "created_at");
  const captured = dateRange(o, "captured_at");
  const settled = dateRange(o, "settled_at");
  where.dates(captured, "captured_at");
  where.dates(settled, "settled_at");
  // The created_at window (explicit, or the default prior 4 months) is the indexed column.
  const window = created ?? (!captured && !settled ? { start: now.getTime() - FOUR_MONTHS_MS } : undefined);
  const conds: string[] = [];
  if (window?.start !== undefined) conds.push(`created_at >= $${where.params.push(new Date(window.start))}`);
  if (window?.end !== undefined) conds.push(`created_at <= $${where.params.push(new Date(window.end))}`);
  const filter = `from sandbox_gateway.transactions where account_id = $1${conds.map((c) => ` and ${c}`).join("")}${where.sql()}`;
  const [count, page] = await Promise.all([
    q<{ n: number }>(`select count(*)::int as n ${filter}`, where.params),
    q<{ data: TxnData }>(
      `select data ${filter} order by created_at desc, id desc limit ${limit} offset ${offset}`,
      where.params,
    ),
  ]);
  return { results: page.rows.map((x) => x.data), total: count.rows[0]?.n ?? 0 };
}
