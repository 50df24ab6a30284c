import { badRequest, notFound, ok } from "../core/envelope";
import { newId } from "../core/ids";
import { q } from "../core/schema";
import type { Route, RouteCtx } from "../core/types";
import { totalOf } from "./amounts";
import { attachedWire, readAttached, resolveAttached, type AttachedItem } from "./attached";
import "./ensure-schema";
import { parseBody } from "./parse-body";
import type { BillingFrequency } from "./schedule";
import { rfc3339 } from "./time";
import { formatBillingDays, parseBillingDays, planBody } from "./validate";

export interface Plan {
  id: string;
  name: string;
  description: string;
  amount: number;
  billing_cycle_interval: number;
  billing_frequency: BillingFrequency;
  billing_days: string;
  duration: number;
  add_ons: AttachedItem[];
  discounts: AttachedItem[];
  created_at: Date;
  updated_at: Date;
}

interface Row extends Omit<Plan, "amount" | "add_ons" | "discounts"> {
  amount: string | number;
  add_ons: unknown;
  discounts: unknown;
}

const COLUMNS =
  "id, name, description, amount, billing_cycle_interval, billing_frequency, billing_days, duration, add_ons, discounts, created_at, updated_at";

function fromRow(r: Row): Plan {
  return { ...r, amount: Number(r.amount), add_ons: readAttached(r.add_ons), discounts: readAttached(r.discounts) };
}

/** The documented plan object; totals are every attached item's value on the plan amount. */
/**
 * The query parameters of the billing terms plans and subscriptions share, in this order: billing_cycle_interval,
 * billing_frequency, billing_days, duration, add_ons, discounts (the adjustments as JSON).
 */
export function termsParams(
  t: Pick<Plan, "billing_cycle_interval" | "billing_frequency" | "billing_days" | "duration"> & {
    add_ons: unknown;
    discounts: unknown;
  },
): unknown[] {
  return [
    t.billing_cycle_interval,
    t.billing_frequency,
    t.billing_days,
    t.duration,
    JSON.stringify(t.add_ons),
    JSON.stringify(t.discounts),
  ];
}

export function planWire(p: Plan) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    amount: p.amount,
    billing_cycle_interval: p.billing_cycle_interval,
    billing_frequency: p.billing_frequency,
    billing_days: p.billing_days,
    total_add_ons: totalOf(p.amount, p.add_ons),
    total_discounts: totalOf(p.amount, p.discounts),
    duration: p.duration,
    add_ons: attachedWire(p.add_ons),
    discounts: attachedWire(p.discounts),
    created_at: rfc3339(p.created_at),
    updated_at: rfc3339(p.updated_at),
  };
}

export async function getPlan(accountId: string, id: string): Promise<Plan | undefined> {
  const r = await q<Row>(`select ${COLUMNS} from sandbox_gateway.recurring_plans where account_id = $1 and id = $2`, [
    accountId,
    id,
  ]);
  return r.rows[0] ? fromRow(r.rows[0]) : undefined;
}

/** Validates a create (no `existing`) or a merge-update of a plan into the full stored record. */
async function buildPlan(ctx: RouteCtx, existing?: Plan): Promise<Omit<Plan, "id" | "created_at" | "updated_at">> {
  const body = parseBody(planBody, ctx.body);
  const name = body.name ?? existing?.name;
  if (!name) throw badRequest("invalid name: is required");
  const amount = body.amount ?? existing?.amount;
  if (amount === undefined) throw badRequest("invalid amount: is required");
  const interval = body.billing_cycle_interval ?? existing?.billing_cycle_interval;
  if (interval === undefined) throw badRequest("invalid billing_cycle_interval: is required");
  const frequency = body.billing_frequency ?? existing?.billing_frequency ?? "monthly";
  const rawDays = body.billing_days !== undefined ? body.billing_days : existing?.billing_days;
  const days = parseBillingDays(rawDays, frequency);
  return {
    name,
    description: body.description ?? existing?.description ?? "",
    amount,
    billing_cycle_interval: interval,
    billing_frequency: frequency,
    billing_days: formatBillingDays(days),
    duration: body.duration ?? existing?.duration ?? 0,
    add_ons:
      body.add_ons !== undefined
        ? await resolveAttached(ctx.account.id, "addon", "add_ons", body.add_ons)
        : (existing?.add_ons ?? []),
    discounts:
      body.discounts !== undefined
        ? await resolveAttached(ctx.account.id, "discount", "discounts", body.discounts)
        : (existing?.discounts ?? []),
  };
}

async function create(ctx: RouteCtx): Promise<Response> {
  const p = await buildPlan(ctx);
  const r = await q<Row>(
    `insert into sandbox_gateway.recurring_plans (account_id, id, name, description, amount, billing_cycle_interval,
       billing_frequency, billing_days, duration, add_ons, discounts, created_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$12) returning ${COLUMNS}`,
    [ctx.account.id, newId(), p.name, p.description, p.amount, ...termsParams(p), ctx.now],
  );
  return ok(planWire(fromRow(r.rows[0] as Row)));
}

async function update(ctx: RouteCtx): Promise<Response> {
  const existing = await getPlan(ctx.account.id, ctx.params.id ?? "");
  if (!existing) throw notFound("plan");
  const p = await buildPlan(ctx, existing);
  const r = await q<Row>(
    `update sandbox_gateway.recurring_plans set name = $3, description = $4, amount = $5, billing_cycle_interval = $6,
       billing_frequency = $7, billing_days = $8, duration = $9, add_ons = $10, discounts = $11, updated_at = $12
     where account_id = $1 and id = $2 returning ${COLUMNS}`,
    [ctx.account.id, existing.id, p.name, p.description, p.amount, ...termsParams(p), ctx.now],
  );
  if (!r.rows[0]) throw notFound("plan");
  return ok(planWire(fromRow(r.rows[0])));
}

async function get(ctx: RouteCtx): Promise<Response> {
  const p = await getPlan(ctx.account.id, ctx.params.id ?? "");
  if (!p) throw notFound("plan");
  return ok(planWire(p));
}

async function list(ctx: RouteCtx): Promise<Response> {
  const r = await q<Row>(
    `select ${COLUMNS} from sandbox_gateway.recurring_plans where account_id = $1 order by created_at, id`,
    [ctx.account.id],
  );
  return ok(
    r.rows.map((row) => planWire(fromRow(row))),
    r.rows.length,
  );
}

/** Subscriptions keep their own copy of the plan's terms, so deleting a plan leaves them billing. */
async function remove(ctx: RouteCtx): Promise<Response> {
  const r = await q(`delete from sandbox_gateway.recurring_plans where account_id = $1 and id = $2`, [
    ctx.account.id,
    ctx.params.id ?? "",
  ]);
  if (!r.rowCount) throw notFound("plan");
  return ok(null);
}

export const planRoutes: Route[] = [
  { method: "POST", path: "/api/recurring/plan", auth: "private", handle: create },
  { method: "GET", path: "/api/recurring/plan/:id", auth: "private", handle: get },
  { method: "POST", path: "/api/recurring/plan/:id", auth: "private", handle: update },
  { method: "DELETE", path: "/api/recurring/plan/:id", auth: "private", handle: remove },
  { method: "GET", path: "/api/recurring/plans", auth: "private", handle: list },
];
