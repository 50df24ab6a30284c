import { badRequest, notFound, ok } from "../core/envelope";
import { withTx } from "../core/schema";
import type { Route, RouteCtx } from "../core/types";
import { firstBillDateOnOrAfter, parseDate, utcDate } from "./schedule";
import {
  getSubscription,
  scheduleOf,
  subscriptionWire,
  type Subscription,
  type SubscriptionStatus,
} from "./subscription-store";

/**
 * Lifecycle endpoints `GET /api/recurring/subscription/{id}/status/{status}`. Which moves are allowed
 * (from → to); asking for the status a subscription already has is a no-op that returns it.
 */
export const TRANSITIONS: Record<string, readonly SubscriptionStatus[]> = {
  paused: ["active", "failing", "past_due", "error"],
  past_due: ["active", "failing", "paused", "error"],
  cancelled: ["active", "failing", "past_due", "paused", "error", "completed"],
  completed: ["active", "failing", "past_due", "paused", "error", "cancelled"],
  active: ["paused", "failing", "past_due", "cancelled", "error", "completed"],
};

export function canTransition(from: SubscriptionStatus, to: string): boolean {
  return TRANSITIONS[to]?.includes(from) ?? false;
}

/**
 * Activation: `?next_bill_date=` (today or later) sets the next charge; without it a next_bill_date
 * already in the past moves to the first billing day on or after today (missed cycles are not
 * back-billed). A subscription whose duration is used up cannot be reactivated.
 */
function activation(s: Subscription, ctx: RouteCtx): string {
  const today = utcDate(ctx.now);
  const requested = ctx.query.get("next_bill_date");
  if (requested !== null && requested !== "") {
    if (!parseDate(requested)) throw badRequest("invalid next_bill_date: must be a date YYYY-MM-DD");
    if (requested < today) throw badRequest("invalid next_bill_date: must be today or later");
    return requested;
  }
  if (s.next_bill_date >= today) return s.next_bill_date;
  return firstBillDateOnOrAfter(today, scheduleOf(s));
}

async function setStatus(ctx: RouteCtx): Promise<Response> {
  const target = ctx.params.status ?? "";
  if (!(target in TRANSITIONS)) {
    throw badRequest("invalid status: must be paused, past_due, cancelled, active or completed");
  }
  const updated = await withTx(async (client) => {
    const s = await getSubscription(ctx.account.id, ctx.params.id ?? "", client, true);
    if (!s) throw notFound("subscription");
    const activating = target === "active";
    if (s.status === target && !(activating && ctx.query.get("next_bill_date"))) return s;
    if (s.status !== target && !canTransition(s.status, target)) {
      throw badRequest(`invalid status: cannot change a ${s.status} subscription to ${target}`);
    }
    if (activating && s.duration > 0 && s.cycles_charged >= s.duration) {
      throw badRequest("invalid status: the subscription has billed its full duration");
    }
    const nextBillDate = activating ? activation(s, ctx) : s.next_bill_date;
    await client.query(
      `update sandbox_gateway.recurring_subscriptions
       set status = $3, next_bill_date = $4, failed_attempts = case when $5 then 0 else failed_attempts end,
           retry_date = null, updated_at = $6
       where account_id = $1 and id = $2`,
      [ctx.account.id, s.id, target, nextBillDate, activating, ctx.now],
    );
    return getSubscription(ctx.account.id, s.id, client);
  });
  if (!updated) throw notFound("subscription");
  return ok(subscriptionWire(updated));
}

export const subscriptionStatusRoutes: Route[] = [
  { method: "GET", path: "/api/recurring/subscription/:id/status/:status", auth: "private", handle: setStatus },
];
