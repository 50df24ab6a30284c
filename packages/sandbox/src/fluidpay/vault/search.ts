import { badRequest } from "../core/envelope";
import { asObject } from "../core/fields";
import { dateFilter, dateRange, paging, path, stringFilter, type Predicate } from "../core/search";
import { pooled } from "../core/schema";
import type { Account } from "../core/types";
import { customerViews } from "./views";

const ADDRESS_KEYS: Record<string, string> = {
  first_name: "first_name",
  last_name: "last_name",
  company: "company",
  address_line_1: "line_1",
  address_line_2: "line_2",
  city: "city",
  state: "state",
  postal_code: "postal_code",
  country: "country",
  email: "email",
  phone: "phone",
  fax: "fax",
  address_id: "id",
};

type View = Record<string, unknown>;

function customerOf(v: View): Record<string, unknown> {
  return ((v.data as View).customer as View) ?? {};
}

/**
 * `/api/vault/customer/search`: `=` / `!=` on the customer id, its defaults, and any of its stored
 * addresses (a customer matches `=` when one address matches; `!=` when none does).
 */
export async function searchCustomers(account: Account, body: unknown): Promise<{ results: View[]; total: number }> {
  const o = asObject(body);
  const { limit, offset } = paging(o, 10, 1000);
  const preds: Predicate[] = [];
  const idp = stringFilter(o, "id", path("id"));
  if (idp) preds.push(idp);
  for (const f of ["payment_method_type", "billing_address_id", "shipping_address_id"]) {
    const p = stringFilter(o, f, (r) => (customerOf(r).defaults as View | undefined)?.[f]);
    if (p) preds.push(p);
  }
  for (const [field, key] of Object.entries(ADDRESS_KEYS)) {
    const raw = o[field];
    if (!raw || typeof raw !== "object") continue;
    const op = (raw as View).operator ?? "=";
    if (op !== "=" && op !== "!=") throw badRequest(`invalid ${field}.operator`);
    const negate = op === "!=";
    const eq = stringFilter({ [field]: { ...(raw as View), operator: "=" } }, field, path(key));
    if (!eq) continue;
    preds.push((r) => {
      const addresses = (customerOf(r).addresses as View[] | undefined) ?? [];
      const any = addresses.some((a) => eq(a));
      return negate ? !any : any;
    });
  }
  for (const f of ["created_at", "updated_at"]) {
    const p = dateFilter(dateRange(o, f), path(f));
    if (p) preds.push(p);
  }
  const db = await pooled();
  const views = (await customerViews(db, account.id, account.merchantId, "all")).filter((v) =>
    preds.every((p) => p(v)),
  );
  return { results: views.slice(offset, offset + limit), total: views.length };
}
