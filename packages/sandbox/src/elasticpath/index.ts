import { withLatency } from "../latency";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { handler as cardpointe } from "../cardpointe";
import { hostPrefix } from "../cardpointe/host";
import { getMerchant } from "../cardpointe/merchants";
import { sandboxSchema } from "../schema-store";

/**
 * Elastic Path `card_connect` pay-by-token (seed 004): `POST /v2/orders/:orderId/payments` with a Bearer token and
 * `{"data": {"gateway": "card_connect", "method": "purchase|authorize|capture|refund", "amount"?, "payment":
 * "account_id|profile_id"}}`. Like Elastic Path, it sits in front of CardPointe: each payment is a CardPointe Gateway
 * call (auth with `profile: <profileid>/<acctid>` and the order id as `orderid`, capture or refund of the order's
 * earlier transaction) made to the CardPointe sandbox with the store's gateway credentials.
 *
 * Everything else (orders, stores, tokens) is Elastic Path's own business, outside seed 004: a store and its orders
 * exist here only through `_control` (what a storefront's setup and checkout would create). Any other path is 404.
 */

const MOUNT = "/sandbox/elasticpath";

const store = sandboxSchema("sandbox_elasticpath", () => [
  `create schema if not exists sandbox_elasticpath`,
  `create table if not exists sandbox_elasticpath.stores (
     client_id text primary key,
     token_hash text not null unique,
     merchid text not null,
     created_at timestamptz not null default now()
   )`,
  `create table if not exists sandbox_elasticpath.orders (
     id uuid primary key,
     client_id text not null references sandbox_elasticpath.stores(client_id),
     amount bigint not null check (amount >= 0),
     currency text not null default 'USD',
     created_at timestamptz not null default now()
   )`,
  `create table if not exists sandbox_elasticpath.transactions (
     id uuid primary key,
     order_id uuid not null references sandbox_elasticpath.orders(id),
     transaction_type text not null,
     amount bigint not null,
     status text not null,
     retref text,
     created_at timestamptz not null default now()
   )`,
  `create index if not exists transactions_order_idx on sandbox_elasticpath.transactions (order_id, created_at)`,
]);

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** Elastic Path's error envelope: `{"errors": [{"status", "title", "detail"}]}`. */
function error(status: number, title: string, detail?: string): Response {
  return json({ errors: [{ status: String(status), title, ...(detail ? { detail } : {}) }] }, status);
}

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

const paymentSchema = z.object({
  data: z.object({
    gateway: z.literal("card_connect"),
    method: z.enum(["purchase", "authorize", "capture", "refund"]),
    amount: z.number().int().min(1).max(99_999_999).optional(),
    payment: z.string().regex(/^\d{1,20}\|\d{1,20}$/, "payment: account_id|profile_id"),
  }),
});

interface OrderRow {
  id: string;
  client_id: string;
  amount: string;
  currency: string;
  merchid: string;
}
interface TxnRow {
  id: string;
  transaction_type: string;
  amount: string;
  status: string;
  retref: string | null;
  created_at: Date;
}

async function route(req: Request): Promise<Response> {
  const url = new URL(req.url);
  if (!url.pathname.startsWith(`${MOUNT}/`)) return error(404, "Not Found");
  const rest = url.pathname.slice(MOUNT.length + 1).split("/");
  try {
    if (rest[0] === "_control") return await control(req, rest.slice(1).join("/"));
    if (rest.length === 4 && rest[0] === "v2" && rest[1] === "orders" && rest[3] === "payments" && rest[2]) {
      if (req.method.toUpperCase() !== "POST") return error(405, "Method Not Allowed");
      return await pay(req, rest[2]);
    }
    return error(404, "Not Found");
  } catch {
    return error(500, "Internal Server Error");
  }
}

async function storeOf(req: Request): Promise<{ client_id: string; merchid: string } | undefined> {
  const m = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i);
  if (!m?.[1]) return undefined;
  const db = await store.db();
  const r = await db.query<{ client_id: string; merchid: string }>(
    `select client_id, merchid from sandbox_elasticpath.stores where token_hash = $1`,
    [hash(m[1])],
  );
  return r.rows[0];
}

async function pay(req: Request, orderId: string): Promise<Response> {
  const s = await storeOf(req);
  if (!s) return error(401, "Unauthorized", "a valid Bearer token is required");
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return error(400, "Bad Request", "the body must be JSON");
  }
  const p = paymentSchema.safeParse(body);
  if (!p.success) {
    return error(400, "Bad Request", p.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const { method, amount, payment } = p.data.data;
  const db = await store.db();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(orderId)) {
    return error(404, "Not Found", "order not found");
  }
  const o = (
    await db.query<OrderRow>(
      `select o.id, o.client_id, o.amount, o.currency, s.merchid from sandbox_elasticpath.orders o
       join sandbox_elasticpath.stores s on s.client_id = o.client_id where o.id = $1 and o.client_id = $2`,
      [orderId, s.client_id],
    )
  ).rows[0];
  if (!o) return error(404, "Not Found", "order not found");
  const merchant = await getMerchant(o.merchid);
  if (!merchant) return error(422, "Unprocessable Entity", "the store's card_connect gateway is not configured");
  const txns = (
    await db.query<TxnRow>(
      `select id, transaction_type, amount, status, retref, created_at from sandbox_elasticpath.transactions
       where order_id = $1 order by created_at`,
      [orderId],
    )
  ).rows;
  const complete = txns.filter((t) => t.status === "complete");
  const charged = complete.filter((t) => t.transaction_type === "purchase" || t.transaction_type === "capture");
  const authorized = complete.filter((t) => t.transaction_type === "authorize");
  const [acctid, profileid] = payment.split("|") as [string, string];
  const gateway = async (verb: string, fields: Record<string, string>) => {
    const res = await cardpointe(
      new Request(
        `http://sandbox.local/sandbox/cardpointe/${hostPrefix(merchant.site, merchant.environment)}/cardconnect/rest/${verb}`,
        {
          method: "PUT",
          headers: {
            "content-type": "application/json",
            authorization: `Basic ${Buffer.from(`${merchant.username}:${merchant.password}`).toString("base64")}`,
          },
          body: JSON.stringify({ merchid: merchant.merchid, ...fields }),
        },
      ),
    );
    return (await res.json()) as Record<string, string>;
  };

  let type = method as string;
  let value: number;
  let r: Record<string, string>;
  if (method === "purchase" || method === "authorize") {
    if (charged.length > 0 || authorized.length > 0) {
      return error(422, "Unprocessable Entity", "the order has already been paid or authorized");
    }
    value = amount ?? Number(o.amount);
    r = await gateway("auth", {
      profile: `${profileid}/${acctid}`,
      amount: String(value),
      currency: o.currency,
      orderid: o.id,
      ecomind: "E",
      capture: method === "purchase" ? "Y" : "N",
    });
  } else if (method === "capture") {
    const auth = authorized.at(-1);
    if (!auth?.retref) return error(422, "Unprocessable Entity", "the order has no authorization to capture");
    if (charged.length > 0) return error(422, "Unprocessable Entity", "the order has already been captured");
    value = amount ?? Number(auth.amount);
    r = await gateway("capture", { retref: auth.retref, amount: String(value) });
  } else {
    const sale = charged.at(-1) ?? authorized.at(-1);
    if (!sale?.retref) return error(422, "Unprocessable Entity", "the order has no payment to refund");
    const refunded = complete
      .filter((t) => t.transaction_type === "refund")
      .reduce((sum, t) => sum + Number(t.amount), 0);
    value = amount ?? Number(sale.amount) - refunded;
    if (value <= 0 || value > Number(sale.amount) - refunded) {
      return error(422, "Unprocessable Entity", "the refund exceeds what is left to refund");
    }
    r = await gateway("refund", { retref: sale.retref, amount: String(value) });
    type = "refund";
  }
  const approved = r.respstat === "A";
  const id = randomUUID();
  const retref = method === "capture" ? (authorized.at(-1)?.retref ?? null) : (r.retref ?? null);
  await db.query(
    `insert into sandbox_elasticpath.transactions (id, order_id, transaction_type, amount, status, retref)
     values ($1, $2, $3, $4, $5, $6)`,
    [id, o.id, type, value, approved ? "complete" : "failed", retref],
  );
  if (!approved) return error(402, "Payment Failed", r.resptext || "the payment was declined");
  if (method === "capture" && authorized.at(-1)) {
    // The capture completes the authorization: the order is now charged by that transaction.
    await db.query(`update sandbox_elasticpath.transactions set status = 'captured' where id = $1`, [
      authorized.at(-1)!.id,
    ]);
  }
  return json({
    data: {
      id,
      type: "transaction",
      reference: "card_connect",
      gateway: "card_connect",
      amount: value,
      currency: o.currency,
      "transaction-type": type,
      status: "complete",
      relationships: { order: { data: { type: "order", id: o.id } } },
      meta: {
        display_price: {
          amount: value,
          currency: o.currency,
          formatted: new Intl.NumberFormat("en-US", { style: "currency", currency: o.currency }).format(value / 100),
        },
        created_at: new Date().toISOString(),
      },
    },
  });
}

const storeSchema = z.object({ merchid: z.string().regex(/^\d{6,16}$/) });
const orderSchema = z.object({
  client_id: z.string().min(1),
  amount: z.number().int().min(0).max(99_999_999),
  currency: z.literal("USD").optional(),
});

/** `_control/stores` (a store whose card_connect gateway is this CardPointe sandbox MID) and `_control/orders`. */
async function control(req: Request, action: string): Promise<Response> {
  if (req.method.toUpperCase() !== "POST") return json({ error: "method_not_allowed" }, 405);
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return json({ error: "invalid_request", message: "malformed JSON" }, 400);
  }
  const db = await store.db();
  if (action === "stores") {
    const p = storeSchema.safeParse(body);
    if (!p.success) return json({ error: "invalid_request", message: "merchid (a CardPointe sandbox MID)" }, 400);
    if (!(await getMerchant(p.data.merchid))) return json({ error: "not_found", message: "unknown merchid" }, 404);
    const clientId = randomBytes(12).toString("hex");
    const token = `ep_${randomBytes(24).toString("base64url")}`;
    await db.query(`insert into sandbox_elasticpath.stores (client_id, token_hash, merchid) values ($1, $2, $3)`, [
      clientId,
      hash(token),
      p.data.merchid,
    ]);
    return json({ client_id: clientId, access_token: token, merchid: p.data.merchid }, 201);
  }
  if (action === "orders") {
    const p = orderSchema.safeParse(body);
    if (!p.success) return json({ error: "invalid_request", message: "client_id and amount (minor units)" }, 400);
    const id = randomUUID();
    const r = await db.query(
      `insert into sandbox_elasticpath.orders (id, client_id, amount, currency)
       select $1, client_id, $3, $4 from sandbox_elasticpath.stores where client_id = $2`,
      [id, p.data.client_id, p.data.amount, p.data.currency ?? "USD"],
    );
    if (r.rowCount === 0) return json({ error: "not_found", message: "unknown client_id" }, 404);
    return json({ id, amount: p.data.amount, currency: p.data.currency ?? "USD" }, 201);
  }
  return json({ error: "not_found" }, 404);
}

/** Mounted handler, with the configured per-request latency (`SANDBOX_LATENCY_MS`). */
export const handler = withLatency(route);
