import type { Queryable } from "../core/schema";
import type { CustomerData, VaultAddress } from "./store";

/** The documented customer shape: `{id, owner_id, data:{customer:{addresses, defaults, payments}}, …}`. */
export async function customerView(
  c: Queryable,
  accountId: string,
  merchantId: string,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  return (await customerViews(c, accountId, merchantId, [id]))[0];
}

/** Views for many customers in three queries (search pages through every customer of an account). */
export async function customerViews(
  c: Queryable,
  accountId: string,
  merchantId: string,
  ids: string[] | "all",
): Promise<Record<string, unknown>[]> {
  const all = ids === "all";
  const filter = all ? "" : " and id = any($2)";
  const cfilter = all ? "" : " and customer_id = any($2)";
  const params = all ? [accountId] : [accountId, ids];
  const customers = await c.query<{ id: string; data: CustomerData; created_at: Date; updated_at: Date }>(
    `select id, data, created_at, updated_at from sandbox_gateway.customers where account_id = $1${filter}
     order by created_at desc, id`,
    params,
  );
  if (customers.rows.length === 0) return [];
  const addresses = await c.query<{ id: string; customer_id: string; hash: string; data: VaultAddress }>(
    `select id, customer_id, hash, data from sandbox_gateway.customer_addresses where account_id = $1${cfilter}
     order by created_at, id`,
    params,
  );
  const methods = await c.query<{ customer_id: string; type: string; data: Record<string, unknown> }>(
    `select customer_id, type, data from sandbox_gateway.payment_methods where account_id = $1${cfilter}
     order by created_at, id`,
    params,
  );
  return customers.rows.map((row) => {
    const mine = methods.rows.filter((m) => m.customer_id === row.id);
    return {
      id: row.id,
      owner_id: merchantId,
      data: {
        customer: {
          addresses: addresses.rows
            .filter((a) => a.customer_id === row.id)
            .map((a) => ({ ...a.data, id: a.id, hash: a.hash })),
          defaults: row.data.defaults,
          description: row.data.description,
          notes: row.data.notes,
          flags: row.data.flags,
          payments: {
            ach: mine.filter((m) => m.type === "ach").map((m) => m.data),
            cards: mine.filter((m) => m.type === "card").map((m) => m.data),
          },
        },
      },
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
    };
  });
}
