import { badRequest, notFound, ok } from "../core/envelope";
import { newId } from "../core/ids";
import { q } from "../core/schema";
import type { Route, RouteCtx } from "../core/types";
import "./ensure-schema";
import { parseBody } from "./parse-body";
import { rfc3339 } from "./time";
import { adjustmentBody } from "./validate";

/** Add-ons and discounts: the same record shape and rules, two URL families. */
export type AdjustmentKind = "addon" | "discount";

export interface AdjustmentRecord {
  id: string;
  name: string;
  description: string;
  amount: number | null;
  percentage: number | null;
  duration: number;
  created_at: string;
  updated_at: string;
}

interface Row {
  id: string;
  name: string;
  description: string;
  amount: string | number | null;
  percentage: number | null;
  duration: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = "id, name, description, amount, percentage, duration, created_at, updated_at";

function toRecord(r: Row): AdjustmentRecord {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    amount: r.amount === null ? null : Number(r.amount),
    percentage: r.percentage,
    duration: r.duration,
    created_at: rfc3339(r.created_at),
    updated_at: rfc3339(r.updated_at),
  };
}

export async function getAdjustment(
  accountId: string,
  kind: AdjustmentKind,
  id: string,
): Promise<AdjustmentRecord | undefined> {
  const r = await q<Row>(
    `select ${COLUMNS} from sandbox_gateway.recurring_adjustments where account_id = $1 and kind = $2 and id = $3`,
    [accountId, kind, id],
  );
  return r.rows[0] ? toRecord(r.rows[0]) : undefined;
}

/** An add-on or discount worth nothing either way is a mistake, not a record. */
function requireValue(amount: number | null, percentage: number | null): void {
  if (amount === null && percentage === null) throw badRequest("invalid amount: amount or percentage is required");
}

const label = (kind: AdjustmentKind) => (kind === "addon" ? "add-on" : "discount");

async function create(ctx: RouteCtx, kind: AdjustmentKind): Promise<Response> {
  const body = parseBody(adjustmentBody, ctx.body);
  requireValue(body.amount ?? null, body.percentage ?? null);
  const r = await q<Row>(
    `insert into sandbox_gateway.recurring_adjustments
       (account_id, id, kind, name, description, amount, percentage, duration, created_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9) returning ${COLUMNS}`,
    [
      ctx.account.id,
      newId(),
      kind,
      body.name ?? "",
      body.description ?? "",
      body.amount ?? null,
      body.percentage ?? null,
      body.duration ?? 0,
      ctx.now,
    ],
  );
  return ok(toRecord(r.rows[0] as Row));
}

async function get(ctx: RouteCtx, kind: AdjustmentKind): Promise<Response> {
  const found = await getAdjustment(ctx.account.id, kind, ctx.params.id ?? "");
  if (!found) throw notFound(label(kind));
  return ok(found);
}

async function list(ctx: RouteCtx, kind: AdjustmentKind): Promise<Response> {
  const r = await q<Row>(
    `select ${COLUMNS} from sandbox_gateway.recurring_adjustments where account_id = $1 and kind = $2
     order by created_at, id`,
    [ctx.account.id, kind],
  );
  return ok(r.rows.map(toRecord), r.rows.length);
}

/** Updates merge into the stored record; giving amount clears percentage and vice versa (never both). */
async function update(ctx: RouteCtx, kind: AdjustmentKind): Promise<Response> {
  const body = parseBody(adjustmentBody, ctx.body);
  const existing = await getAdjustment(ctx.account.id, kind, ctx.params.id ?? "");
  if (!existing) throw notFound(label(kind));
  let { amount, percentage } = existing;
  if (body.amount !== undefined) {
    amount = body.amount;
    if (body.amount !== null && body.percentage === undefined) percentage = null;
  }
  if (body.percentage !== undefined) {
    percentage = body.percentage;
    if (body.percentage !== null && body.amount === undefined) amount = null;
  }
  requireValue(amount, percentage);
  const r = await q<Row>(
    `update sandbox_gateway.recurring_adjustments
     set name = $4, description = $5, amount = $6, percentage = $7, duration = $8, updated_at = $9
     where account_id = $1 and kind = $2 and id = $3 returning ${COLUMNS}`,
    [
      ctx.account.id,
      kind,
      existing.id,
      body.name ?? existing.name,
      body.description ?? existing.description,
      amount,
      percentage,
      body.duration ?? existing.duration,
      ctx.now,
    ],
  );
  if (!r.rows[0]) throw notFound(label(kind));
  return ok(toRecord(r.rows[0]));
}

async function remove(ctx: RouteCtx, kind: AdjustmentKind): Promise<Response> {
  const r = await q(
    `delete from sandbox_gateway.recurring_adjustments where account_id = $1 and kind = $2 and id = $3`,
    [ctx.account.id, kind, ctx.params.id ?? ""],
  );
  if (!r.rowCount) throw notFound(label(kind));
  return ok(null);
}

function routesFor(kind: AdjustmentKind): Route[] {
  const one = `/api/recurring/${kind}`;
  return [
    { method: "POST", path: one, auth: "private", handle: (ctx) => create(ctx, kind) },
    { method: "GET", path: `${one}/:id`, auth: "private", handle: (ctx) => get(ctx, kind) },
    { method: "POST", path: `${one}/:id`, auth: "private", handle: (ctx) => update(ctx, kind) },
    { method: "DELETE", path: `${one}/:id`, auth: "private", handle: (ctx) => remove(ctx, kind) },
    { method: "GET", path: `${one}s`, auth: "private", handle: (ctx) => list(ctx, kind) },
  ];
}

export const adjustmentRoutes: Route[] = [...routesFor("addon"), ...routesFor("discount")];
