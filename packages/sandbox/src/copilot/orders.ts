import type pg from "pg";
import type { ApiContext } from "./context";
import { copilotDateTime } from "./clock";
import { EQUIPMENT, paged, paging } from "./equipment";
import { isPhone } from "./formats";
import { ApiError, fieldError, isObject, ok, readJson, str, type CoPilotError } from "./http";
import { lookupCodes } from "./lookups";
import { loadMerchant, parseMerchantId } from "./merchant-store";
import { db, tx } from "./schema";
import { userNow, type CoPilotUser } from "./users";

/**
 * Equipment orders. An order stays NEW until its merchant is boarded; then it is PLACED and ships
 * one simulated day later (with a tracking number). Only NEW orders can be changed or cancelled.
 */

type Obj = Record<string, unknown>;
const DAY = 24 * 60 * 60 * 1000;

interface OrderRow {
  order_id: string;
  merchant_id: string;
  body: Obj;
  status: string;
  created_at: Date;
  canceled_at: Date | null;
  boarded_at: Date | null;
}

function validateOrder(o: Obj): CoPilotError[] {
  const e: CoPilotError[] = [];
  const p = "order";
  if (!EQUIPMENT.some((x) => String(x.equipmentId) === str(o.equipmentId)))
    e.push(fieldError("1151", "equipmentId is not in the equipment catalog.", `${p}.equipmentId`));
  const qty = Number(o.quantity);
  if (!Number.isInteger(qty) || qty < 1 || qty > 999)
    e.push(fieldError("1152", "quantity must be a whole number from 1 to 999.", `${p}.quantity`));
  for (const k of ["unitPrice", "monthlyPrice"]) {
    if (o[k] === undefined || o[k] === null) continue;
    const n = Number(o[k]);
    if (!Number.isFinite(n) || n < 0) e.push(fieldError("1153", `${k} must be a non-negative amount.`, `${p}.${k}`));
  }
  const codes: [string, string][] = [
    ["billToCd", "billToCodes"],
    ["billingFrequencyCd", "billingFrequencyCodes"],
  ];
  for (const [k, list] of codes) {
    const v = str(o[k]);
    if (!v || !lookupCodes(list).has(v)) e.push(fieldError("1154", `${k} is not a valid code.`, `${p}.${k}`));
  }
  const ship = o.shippingDetails;
  if (ship !== undefined && ship !== null) {
    if (!isObject(ship)) e.push(fieldError("1002", "shippingDetails must be an object.", `${p}.shippingDetails`));
    else {
      const sp = `${p}.shippingDetails`;
      const m = str(ship.shippingMethodCd);
      if (m && !lookupCodes("shippingMethodCodes").has(m))
        e.push(fieldError("1154", "shippingMethodCd is not a valid code.", `${sp}.shippingMethodCd`));
      const carrier = str(ship.shippingCarrierCd);
      if (carrier && !lookupCodes("shippingCarrierCodes").has(carrier))
        e.push(fieldError("1154", "shippingCarrierCd is not a valid code.", `${sp}.shippingCarrierCd`));
      const phone = str(ship.merchantContactPhone);
      if (phone && !isPhone(phone))
        e.push(fieldError("1115", "Phone is invalid.  Please use XXX-XXX-XXXX format.", `${sp}.merchantContactPhone`));
    }
  }
  if (o.profileId !== undefined && o.profileId !== null && !/^\d{20}$/.test(str(o.profileId) ?? ""))
    e.push(fieldError("1155", "profileId must be a 20-digit CardPointe profile id.", `${p}.profileId`));
  // Like the billing plan's acctId (billing-validate.ts): 1 to 3 digits, refused rather than stored and echoed back.
  if (o.acctId !== undefined && o.acctId !== null && !/^\d{1,3}$/.test(str(o.acctId) ?? ""))
    e.push(fieldError("1163", "acctId must be 1 to 3 digits.", `${p}.acctId`));
  return e;
}

function orderBody(body: Obj): Obj {
  if (!isObject(body.order)) throw ApiError.of(400, "1100", "order is required.", "order");
  return body.order;
}

function view(r: OrderRow, now: Date) {
  let status = r.status;
  let placed: Date | null = null;
  let shipped: Date | null = null;
  if (status === "NEW" && r.boarded_at && r.boarded_at <= now) {
    placed = r.boarded_at > r.created_at ? r.boarded_at : r.created_at;
    status = "PLACED";
    if (now.getTime() >= placed.getTime() + DAY) {
      shipped = new Date(placed.getTime() + DAY);
      status = "SHIPPED";
    }
  }
  const b = r.body;
  return {
    orderId: Number(r.order_id),
    merchantId: String(r.merchant_id),
    equipmentId: Number(b.equipmentId),
    orderNotes: b.orderNotes ?? null,
    quantity: Number(b.quantity),
    unitPrice: b.unitPrice ?? null,
    monthlyPrice: b.monthlyPrice ?? null,
    billToCd: b.billToCd ?? null,
    billingFrequencyCd: b.billingFrequencyCd ?? null,
    profileId: b.profileId ?? null,
    acctId: b.acctId ?? null,
    shippingDetails: {
      ...(isObject(b.shippingDetails) ? b.shippingDetails : {}),
      trackingNumber: shipped ? `1Z999AA1${String(r.order_id).padStart(10, "0")}` : null,
    },
    orderStatusCd: status,
    placedDatetime: copilotDateTime(placed),
    fulfillingDatetime: copilotDateTime(placed),
    shippedDatetime: copilotDateTime(shipped),
    canceledDatetime: copilotDateTime(r.canceled_at),
  };
}

const SELECT = `select o.*, m.boarded_at from sandbox_copilot.orders o
  join sandbox_copilot.merchants m on m.merchant_id = o.merchant_id`;

async function loadOrder(c: pg.PoolClient, user: CoPilotUser, raw: string | undefined, lock = false) {
  if (!raw || !/^\d{1,18}$/.test(raw)) throw ApiError.of(404, "1004", "Order not found.", "orderId");
  const r = await c.query<OrderRow & { merchant_id: string }>(
    `${SELECT} where o.order_id = $1 and o.user_id = $2 ${lock ? "for update of o" : ""}`,
    [raw, user.id],
  );
  const row = r.rows[0];
  if (!row) throw ApiError.of(404, "1004", "Order not found.", "orderId");
  // Bring the merchant's boarding up to date first: it decides whether the order was placed.
  const m = await loadMerchant(c, user, String(row.merchant_id));
  return { ...row, boarded_at: m.boarded_at };
}

export async function createOrder(ctx: ApiContext): Promise<Response> {
  const o = orderBody(await readJson(ctx.req));
  const merchantId = str(o.merchantId);
  const errors = validateOrder(o);
  if (!merchantId) errors.unshift(fieldError("1100", "merchantId is required.", "order.merchantId"));
  if (errors.length) throw new ApiError(400, errors);
  const orderId = await tx(async (c) => {
    const m = await loadMerchant(c, ctx.user, parseMerchantId(merchantId));
    if (m.boarding_status === "DECLINED" || m.boarding_status === "CANCELLED")
      throw ApiError.of(
        400,
        "1006",
        `Merchant is ${m.boarding_status}; equipment cannot be ordered.`,
        "order.merchantId",
      );
    const r = await c.query<{ order_id: string }>(
      `insert into sandbox_copilot.orders (order_id, user_id, merchant_id, body, created_at)
       values (nextval('sandbox_copilot.order_id_seq'), $1, $2, $3, $4) returning order_id`,
      [ctx.user.id, merchantId, JSON.stringify(o), userNow(ctx.user)],
    );
    return Number(r.rows[0]!.order_id);
  });
  return ok({ orderId });
}

export async function getOrder(ctx: ApiContext): Promise<Response> {
  const row = await tx((c) => loadOrder(c, ctx.user, ctx.params[0]));
  return ok(view(row, userNow(ctx.user)));
}

export async function updateOrder(ctx: ApiContext): Promise<Response> {
  const o = orderBody(await readJson(ctx.req));
  const errors = validateOrder(o);
  if (errors.length) throw new ApiError(400, errors);
  await tx(async (c) => {
    const row = await loadOrder(c, ctx.user, ctx.params[0], true);
    const status = view(row, userNow(ctx.user)).orderStatusCd;
    if (status !== "NEW")
      throw ApiError.of(400, "1006", `Order is ${status}; only NEW orders can be changed.`, "orderId");
    // The order stays with its merchant: a different merchantId in the body is ignored.
    await c.query(`update sandbox_copilot.orders set body = $2 where order_id = $1`, [
      row.order_id,
      JSON.stringify({ ...o, merchantId: String(row.merchant_id) }),
    ]);
  });
  return ok();
}

export async function cancelOrder(ctx: ApiContext): Promise<Response> {
  await tx(async (c) => {
    const row = await loadOrder(c, ctx.user, ctx.params[0], true);
    const status = view(row, userNow(ctx.user)).orderStatusCd;
    if (status !== "NEW")
      throw ApiError.of(400, "1006", `Order is ${status}; only NEW orders can be cancelled.`, "orderId");
    await c.query(`update sandbox_copilot.orders set status = 'CANCELLED', canceled_at = $2 where order_id = $1`, [
      row.order_id,
      userNow(ctx.user),
    ]);
  });
  return ok();
}

export async function listOrders(ctx: ApiContext): Promise<Response> {
  const { page, size } = paging(ctx.query);
  const merchantId = ctx.query.get("merchantId");
  if (merchantId) await tx((c) => loadMerchant(c, ctx.user, parseMerchantId(merchantId)));
  const pool = await db();
  const r = await pool.query<OrderRow>(
    `${SELECT} where o.user_id = $1 and ($2::bigint is null or o.merchant_id = $2) order by o.order_id`,
    [ctx.user.id, merchantId || null],
  );
  const now = userNow(ctx.user);
  return ok(
    paged(
      r.rows.map((row) => view(row, now)),
      page,
      size,
    ),
  );
}
