import { badRequest, notFound, ok } from "../core/envelope";
import { newId } from "../core/ids";
import { getProcessorId } from "../core/accounts";
import { q } from "../core/schema";
import type { Route, RouteCtx } from "../core/types";
import { resolveAttached } from "./attached";
import { parseBody } from "./parse-body";
import { getPlan, type Plan, termsParams } from "./plans";
import { firstBillDateOnOrAfter, utcDate } from "./schedule";
import {
  getSubscription,
  scheduleOf,
  subscriptionWire,
  SUBSCRIPTION_COLUMNS,
  fromRow,
  type Subscription,
  type SubscriptionRow,
} from "./subscription-store";
import { formatBillingDays, parseBillingDays, subscriptionBody } from "./validate";
import { checkSubscriptionCustomer, type SubscriptionCustomer } from "./vault-lookup";

type Terms = Omit<
  Subscription,
  "id" | "status" | "cycles_charged" | "failed_attempts" | "retry_date" | "created_at" | "updated_at" | "processor_id"
>;

/**
 * Validates a create (no `existing`) or a merge-update. Precedence for every billing term: the
 * request, then the stored subscription, then the plan named by plan_id.
 */
async function buildTerms(ctx: RouteCtx, existing?: Subscription): Promise<Terms> {
  const body = parseBody(subscriptionBody, ctx.body);
  const accountId = ctx.account.id;
  let plan: Plan | undefined;
  const planId = body.plan_id ?? existing?.plan_id ?? "";
  if (body.plan_id) {
    plan = await getPlan(accountId, body.plan_id);
    if (!plan) throw badRequest("invalid plan_id: plan not found");
  }
  const base = existing ?? planDefaults(plan);
  const customer: SubscriptionCustomer = {
    id: body.customer?.id ?? existing?.customer.id ?? "",
    payment_method_type: body.customer?.payment_method_type ?? existing?.customer.payment_method_type ?? "",
    payment_method_id: body.customer?.payment_method_id ?? existing?.customer.payment_method_id ?? "",
    billing_address_id: body.customer?.billing_address_id ?? existing?.customer.billing_address_id ?? "",
    shipping_address_id: body.customer?.shipping_address_id ?? existing?.customer.shipping_address_id ?? "",
  };
  await checkSubscriptionCustomer(accountId, customer);

  const amount = body.amount ?? base?.amount;
  if (amount === undefined) throw badRequest("invalid amount: is required");
  const interval = body.billing_cycle_interval ?? base?.billing_cycle_interval;
  if (interval === undefined) throw badRequest("invalid billing_cycle_interval: is required");
  const frequency = body.billing_frequency ?? base?.billing_frequency ?? "monthly";
  const days = parseBillingDays(body.billing_days !== undefined ? body.billing_days : base?.billing_days, frequency);
  const billingDays = formatBillingDays(days);

  const today = utcDate(ctx.now);
  let nextBillDate = body.next_bill_date ?? existing?.next_bill_date;
  if (body.next_bill_date !== undefined && body.next_bill_date < today) {
    throw badRequest("invalid next_bill_date: must be today or later");
  }
  nextBillDate ??= firstBillDateOnOrAfter(
    today,
    scheduleOf({ billing_frequency: frequency, billing_cycle_interval: interval, billing_days: billingDays }),
  );

  return {
    plan_id: planId,
    plan_name: plan?.name ?? existing?.plan_name ?? "",
    description: body.description ?? existing?.description ?? "",
    customer,
    amount,
    currency: "USD",
    billing_cycle_interval: interval,
    billing_frequency: frequency,
    billing_days: billingDays,
    duration: body.duration ?? base?.duration ?? 0,
    next_bill_date: nextBillDate,
    add_ons:
      body.add_ons !== undefined
        ? await resolveAttached(accountId, "addon", "add_ons", body.add_ons)
        : (base?.add_ons ?? []),
    discounts:
      body.discounts !== undefined
        ? await resolveAttached(accountId, "discount", "discounts", body.discounts)
        : (base?.discounts ?? []),
  };
}

function planDefaults(plan: Plan | undefined) {
  if (!plan) return undefined;
  const { amount, billing_cycle_interval, billing_frequency, billing_days, duration, add_ons, discounts } = plan;
  return { amount, billing_cycle_interval, billing_frequency, billing_days, duration, add_ons, discounts };
}

async function create(ctx: RouteCtx): Promise<Response> {
  const t = await buildTerms(ctx);
  const r = await q<SubscriptionRow>(
    `insert into sandbox_gateway.recurring_subscriptions (account_id, id, plan_id, plan_name, description, customer,
       amount, currency, processor_id, next_bill_date, billing_cycle_interval, billing_frequency, billing_days, duration,
       add_ons, discounts, status, created_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,'active',$17,$17)
     returning ${SUBSCRIPTION_COLUMNS}`,
    [
      ctx.account.id,
      newId(),
      t.plan_id,
      t.plan_name,
      t.description,
      JSON.stringify(t.customer),
      t.amount,
      t.currency,
      await getProcessorId(ctx.account.id),
      t.next_bill_date,
      ...termsParams(t),
      ctx.now,
    ],
  );
  return ok(subscriptionWire(fromRow(r.rows[0] as SubscriptionRow)));
}

async function update(ctx: RouteCtx): Promise<Response> {
  const existing = await getSubscription(ctx.account.id, ctx.params.id ?? "");
  if (!existing) throw notFound("subscription");
  const t = await buildTerms(ctx, existing);
  const r = await q<SubscriptionRow>(
    `update sandbox_gateway.recurring_subscriptions set plan_id = $3, plan_name = $4, description = $5, customer = $6,
       amount = $7, next_bill_date = $8, billing_cycle_interval = $9, billing_frequency = $10, billing_days = $11,
       duration = $12, add_ons = $13, discounts = $14, updated_at = $15
     where account_id = $1 and id = $2 returning ${SUBSCRIPTION_COLUMNS}`,
    [
      ctx.account.id,
      existing.id,
      t.plan_id,
      t.plan_name,
      t.description,
      JSON.stringify(t.customer),
      t.amount,
      t.next_bill_date,
      ...termsParams(t),
      ctx.now,
    ],
  );
  if (!r.rows[0]) throw notFound("subscription");
  return ok(subscriptionWire(fromRow(r.rows[0])));
}

async function get(ctx: RouteCtx): Promise<Response> {
  const s = await getSubscription(ctx.account.id, ctx.params.id ?? "");
  if (!s) throw notFound("subscription");
  return ok(subscriptionWire(s));
}

async function remove(ctx: RouteCtx): Promise<Response> {
  const r = await q(`delete from sandbox_gateway.recurring_subscriptions where account_id = $1 and id = $2`, [
    ctx.account.id,
    ctx.params.id ?? "",
  ]);
  if (!r.rowCount) throw notFound("subscription");
  return ok(null);
}

export const subscriptionCrudRoutes: Route[] = [
  { method: "POST", path: "/api/recurring/subscription", auth: "private", handle: create },
  { method: "GET", path: "/api/recurring/subscription/:id", auth: "private", handle: get },
  { method: "POST", path: "/api/recurring/subscription/:id", auth: "private", handle: update },
  { method: "DELETE", path: "/api/recurring/subscription/:id", auth: "private", handle: remove },
];
