import { GatewayError, badRequest, ok, okNoData } from "../core/envelope";
import { asObject, optObject, str } from "../core/fields";
import { newId } from "../core/ids";
import { pooled, withTx } from "../core/schema";
import type { Route, RouteCtx } from "../core/types";
import { createCustomer } from "./create-customer";
import { consumeToken } from "./tokens";
import { verificationDecline } from "./verify";
import { customerView } from "./views";
import { achSecret, cardSecret, defaultPayment, flags, vaultAddress } from "./input";
import { searchCustomers } from "./search";
import {
  insertAddress,
  insertPaymentMethod,
  loadPaymentMethod,
  requireCustomer,
  saveCustomerData,
  type PaymentSecret,
} from "./store";

async function view(ctx: RouteCtx, id: string, extra: Record<string, unknown> = {}): Promise<Response> {
  const v = await customerView(await pooled(), ctx.account.id, ctx.account.merchantId, id);
  if (!v) throw new GatewayError(404, "customer not found");
  return ok({ ...v, ...extra });
}

async function createHandler(ctx: RouteCtx): Promise<Response> {
  const o = asObject(ctx.body);
  const customId = str(o, "id", { max: 40, pattern: /^[A-Za-z0-9]+$/ });
  const idFormat = str(o, "id_format", { oneOf: ["xid_type_last4"] });
  if (customId && idFormat) throw badRequest("invalid id_format: cannot be used with a custom id");
  const billing = optObject(o, "default_billing_address");
  const shipping = optObject(o, "default_shipping_address");
  const id = await withTx(async (c) => {
    const payment = await defaultPayment(c, ctx.account.id, o, ctx.now);
    const verify = ctx.query.get("validate") === "true" || ctx.query.get("authorize") === "true";
    if (verify && payment) {
      // The $0 verification the `validate`/`authorize` query flags ask for, with the test-card outcomes.
      const declined = verificationDecline(payment, ctx.now);
      if (declined) throw badRequest(`default_payment could not be verified: ${declined}`);
    }
    let generatedId = customId;
    if (!generatedId && idFormat && payment) {
      const last4 = payment.kind === "card" ? payment.number.slice(-4) : payment.account_number.slice(-4);
      generatedId = `${newId()}_${payment.kind}_${last4}`;
    }
    return createCustomer(
      c,
      ctx.account.id,
      {
        id: generatedId,
        description: str(o, "description", { max: 255 }) ?? "",
        notes: str(o, "notes", { max: 255 }) ?? "",
        flags: flags(o) ?? [],
        payment,
        billing: billing ? vaultAddress(billing, "default_billing_address") : undefined,
        shipping: shipping ? vaultAddress(shipping, "default_shipping_address") : undefined,
      },
      ctx.now,
    );
  });
  return view(ctx, id);
}

async function updateHandler(ctx: RouteCtx): Promise<Response> {
  const id = ctx.params.id ?? "";
  const o = asObject(ctx.body);
  await withTx(async (c) => {
    const row = await requireCustomer(c, ctx.account.id, id, true);
    const data = { ...row.data, defaults: { ...row.data.defaults } };
    const description = str(o, "description", { max: 255 });
    const notes = str(o, "notes", { max: 255 });
    if (description !== undefined || o.description === "") data.description = description ?? "";
    if (notes !== undefined || o.notes === "") data.notes = notes ?? "";
    data.flags = flags(o) ?? data.flags;
    const d = optObject(o, "defaults");
    if (d) {
      const pmId = str(d, "payment_method_id", { path: "defaults.payment_method_id" });
      const pmType = str(d, "payment_method_type", { oneOf: ["card", "ach"], path: "defaults.payment_method_type" });
      if (Boolean(pmId) !== Boolean(pmType))
        throw badRequest("defaults.payment_method_id and defaults.payment_method_type are required together");
      if (pmId && pmType) {
        const pm = await c.query(
          `select 1 from sandbox_gateway.payment_methods where account_id = $1 and customer_id = $2 and id = $3 and type = $4`,
          [ctx.account.id, id, pmId, pmType],
        );
        if (!pm.rowCount) throw badRequest("invalid defaults.payment_method_id");
        data.defaults.payment_method_id = pmId;
        data.defaults.payment_method_type = pmType;
      }
      for (const f of ["billing_address_id", "shipping_address_id"] as const) {
        const aid = str(d, f, { path: `defaults.${f}` });
        if (!aid) continue;
        const a = await c.query(
          `select 1 from sandbox_gateway.customer_addresses where account_id = $1 and customer_id = $2 and id = $3`,
          [ctx.account.id, id, aid],
        );
        if (!a.rowCount) throw badRequest(`invalid defaults.${f}`);
        data.defaults[f] = aid;
      }
    }
    await saveCustomerData(c, ctx.account.id, id, data, ctx.now);
  });
  return view(ctx, id);
}

async function deleteCustomer(ctx: RouteCtx): Promise<Response> {
  const db = await pooled();
  const r = await db.query(`delete from sandbox_gateway.customers where account_id = $1 and id = $2`, [
    ctx.account.id,
    ctx.params.id,
  ]);
  if (!r.rowCount) throw new GatewayError(404, "customer not found");
  return okNoData();
}

async function addressHandler(ctx: RouteCtx, mode: "create" | "update" | "delete"): Promise<Response> {
  const id = ctx.params.id ?? "";
  const addressId = ctx.params.addressId;
  let created: string | undefined;
  await withTx(async (c) => {
    const row = await requireCustomer(c, ctx.account.id, id, true);
    if (addressId) {
      const exists = await c.query(
        `select 1 from sandbox_gateway.customer_addresses where account_id = $1 and customer_id = $2 and id = $3`,
        [ctx.account.id, id, addressId],
      );
      if (!exists.rowCount) throw new GatewayError(404, "address not found");
    }
    const data = { ...row.data, defaults: { ...row.data.defaults } };
    if (mode === "delete") {
      await c.query(`delete from sandbox_gateway.customer_addresses where account_id = $1 and id = $2`, [
        ctx.account.id,
        addressId,
      ]);
      if (data.defaults.billing_address_id === addressId) data.defaults.billing_address_id = "";
      if (data.defaults.shipping_address_id === addressId) data.defaults.shipping_address_id = "";
    } else {
      const a = vaultAddress(asObject(ctx.body), "address");
      created = await insertAddress(c, ctx.account.id, id, a, ctx.now, addressId);
      // The first address becomes both defaults, as the gateway does for a single stored address.
      if (!data.defaults.billing_address_id) data.defaults.billing_address_id = created;
      if (!data.defaults.shipping_address_id) data.defaults.shipping_address_id = created;
    }
    await saveCustomerData(c, ctx.account.id, id, data, ctx.now);
  });
  if (mode === "delete") return okNoData();
  return view(ctx, id, mode === "create" ? { created_address_id: created } : {});
}

type PmKind = "card" | "ach" | "token";

async function paymentHandler(ctx: RouteCtx, kind: PmKind, mode: "create" | "update" | "delete"): Promise<Response> {
  const id = ctx.params.id ?? "";
  const pmId = ctx.params.pmId;
  let created: string | undefined;
  await withTx(async (c) => {
    const row = await requireCustomer(c, ctx.account.id, id, true);
    if (pmId) {
      const r = await c.query<{ type: string }>(
        `select type from sandbox_gateway.payment_methods where account_id = $1 and customer_id = $2 and id = $3`,
        [ctx.account.id, id, pmId],
      );
      const found = r.rows[0];
      if (!found || (kind !== "token" && found.type !== kind)) throw new GatewayError(404, "payment method not found");
    }
    const data = { ...row.data, defaults: { ...row.data.defaults } };
    if (mode === "delete") {
      await c.query(`delete from sandbox_gateway.payment_methods where account_id = $1 and id = $2`, [
        ctx.account.id,
        pmId,
      ]);
      if (data.defaults.payment_method_id === pmId) {
        data.defaults.payment_method_id = "";
        data.defaults.payment_method_type = "";
      }
    } else {
      const o = asObject(ctx.body);
      let secret: PaymentSecret;
      if (kind === "card" && mode === "update" && o.number === undefined) {
        // Seed 003 "Update Payment Method Record" (L3342-3351): `number` defaults to "" and only
        // expiration_date is required, so an update without a number keeps the stored card and changes its expiry.
        const stored = await loadPaymentMethod(c, ctx.account.id, id, pmId ?? "");
        if (!stored || stored.secret.kind !== "card") throw new GatewayError(404, "payment method not found");
        secret = cardSecret({ ...o, number: stored.secret.number }, "card");
      } else if (kind === "card") secret = cardSecret(o, "card");
      else if (kind === "ach") secret = achSecret(o, "ach");
      else secret = await consumeToken(c, ctx.account.id, str(o, "token", { required: true }) as string, ctx.now);
      created = await insertPaymentMethod(c, ctx.account.id, id, secret, ctx.now, pmId);
      if (!data.defaults.payment_method_id) {
        data.defaults.payment_method_id = created;
        data.defaults.payment_method_type = secret.kind;
      } else if (data.defaults.payment_method_id === created) {
        data.defaults.payment_method_type = secret.kind;
      }
    }
    await saveCustomerData(c, ctx.account.id, id, data, ctx.now);
  });
  if (mode === "delete") return okNoData();
  return view(ctx, id, mode === "create" ? { created_payment_method_id: created } : {});
}

const P = "/api/vault/customer/:id";

export const vaultRoutes: Route[] = [
  { method: "POST", path: "/api/vault/customer", auth: "private", handle: createHandler },
  {
    method: "POST",
    path: "/api/vault/customer/search",
    auth: "private",
    async handle({ account, body }) {
      const { results, total } = await searchCustomers(account, body);
      return ok(results, total);
    },
  },
  { method: "GET", path: "/api/vault/:id", auth: "private", handle: (ctx) => view(ctx, ctx.params.id ?? "") },
  { method: "DELETE", path: "/api/vault/:id", auth: "private", handle: deleteCustomer },
  { method: "POST", path: P, auth: "private", handle: updateHandler },
  { method: "POST", path: `${P}/address`, auth: "private", handle: (c) => addressHandler(c, "create") },
  { method: "POST", path: `${P}/address/:addressId`, auth: "private", handle: (c) => addressHandler(c, "update") },
  { method: "DELETE", path: `${P}/address/:addressId`, auth: "private", handle: (c) => addressHandler(c, "delete") },
  ...(["card", "ach", "token"] as const).flatMap((kind): Route[] => [
    { method: "POST", path: `${P}/${kind}`, auth: "private", handle: (c) => paymentHandler(c, kind, "create") },
    { method: "POST", path: `${P}/${kind}/:pmId`, auth: "private", handle: (c) => paymentHandler(c, kind, "update") },
    { method: "DELETE", path: `${P}/${kind}/:pmId`, auth: "private", handle: (c) => paymentHandler(c, kind, "delete") },
  ]),
  ...(["applepay", "googlepay"] as const).map((kind): Route => ({
    method: "POST",
    path: `${P}/${kind}`,
    auth: "private",
    async handle() {
      throw badRequest(`${kind} payment methods are production-only`);
    },
  })),
];
