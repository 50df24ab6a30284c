import { asObject } from "../core/fields";
import { dateFilter, dateRange, intFilter, paging, path, stringFilter, type Predicate } from "../core/search";
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

/** `/api/transaction/search`: the documented filters, newest first; default window is the prior 4 months. */
export async function searchTransactions(
  accountId: string,
  body: unknown,
  now: Date,
): Promise<{ results: TxnData[]; total: number }> {
  const o = asObject(body);
  const { limit, offset } = paging(o, 10);
  const preds: Predicate[] = [];
  for (const [field, keys] of Object.entries(STRING_FIELDS)) {
    const p = stringFilter(o, field, path(...keys));
    if (p) preds.push(p);
  }
  for (const field of INT_FIELDS) {
    const p = intFilter(o, field, path(field));
    if (p) preds.push(p);
  }
  for (const kind of ["billing_address", "shipping_address"]) {
    const sub = o[kind];
    if (sub && typeof sub === "object") {
      const so = asObject(sub, kind);
      for (const f of TXN_ADDRESS_FIELDS) {
        const p = stringFilter(so, f, path(kind, f));
        if (p) preds.push(p);
      }
      const idp = stringFilter(so, "address_id", path(`customer_${kind}_id`));
      if (idp) preds.push(idp);
    }
  }
  const created = dateRange(o, "created_at");
  const captured = dateRange(o, "captured_at");
  const settled = dateRange(o, "settled_at");
  for (const [range, key] of [
    [created, "created_at"],
    [captured, "captured_at"],
    [settled, "settled_at"],
  ] as const) {
    const p = dateFilter(range, path(key));
    if (p) preds.push(p);
  }
  // The created_at window (explicit, or the default prior 4 months) narrows in SQL on the indexed column.
  const window = created ?? (!captured && !settled ? { start: now.getTime() - FOUR_MONTHS_MS } : undefined);
  const r = await q<{ data: TxnData }>(
    `select data from sandbox_gateway.transactions where account_id = $1
       and ($2::timestamptz is null or created_at >= $2) and ($3::timestamptz is null or created_at <= $3)
     order by created_at desc, id desc`,
    [
      accountId,
      window?.start !== undefined ? new Date(window.start) : null,
      window?.end !== undefined ? new Date(window.end) : null,
    ],
  );
  const all = r.rows.map((x) => x.data).filter((t) => preds.every((p) => p(t)));
  return { results: all.slice(offset, offset + limit), total: all.length };
}
