import { createHash } from "node:crypto";
import type pg from "pg";
import type { ApiContext } from "./context";
import { copilotDate } from "./clock";
import { parseCompactDate, toUtcDate, type CalendarDate } from "./formats";
import { ApiError, isObject, ok, readJson, str } from "./http";
import { validatePlan } from "./billing-validate";
import { cmp, scheduleDates, type Until } from "./schedule";
import { db, tx } from "./schema";
import { userNow, type CoPilotUser } from "./users";

/**
 * Billing plans on CardPointe profiles. Schedules are computed from timeSpan/every/untilCondition
 * and kept as rows (they carry ids and statuses). The sandbox does not charge the profile: payments
 * stay Scheduled until marked paid or cancelled (documented in docs/sandbox/copilot.md).
 */

interface PlanRow {
  billing_plan_id: string;
  merch_id: string;
  profile_id: string;
  acct_id: string;
  profile_guid: string;
  amount_cents: string;
  time_span: number;
  every: number;
  until_condition: "C" | "N" | "D";
  until_num_payments: number | null;
  until_date: Date | null;
  currency_symbol: string;
  start_date: Date;
  name: string;
  options: unknown;
  plan_status: "A" | "C" | "F";
}

interface ScheduleRow {
  billing_plan_schedule_id: string;
  scheduled_date: Date;
  scheduled_amount_cents: string;
  payment_status: string;
  actual_amount_cents: string | null;
  actual_payment_date: Date | null;
  retref: string | null;
}

const toCal = (d: Date): CalendarDate => ({
  year: d.getUTCFullYear(),
  month: d.getUTCMonth() + 1,
  day: d.getUTCDate(),
});
/** pg hands `date` columns back as local midnight; re-anchor them at UTC midnight of the same day. */
const day = (d: Date | null) => (d ? new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())) : null);
const compact = (d: Date | null) => (d ? (copilotDate(day(d)) ?? "").replaceAll("/", "") : null);
const isoDay = (d: CalendarDate) => toUtcDate(d).toISOString().slice(0, 10);
const dollars = (cents: string | number | null) => (cents === null ? null : Number(cents) / 100);

function until(r: PlanRow): Until {
  if (r.until_condition === "N") return { kind: "N", payments: r.until_num_payments ?? 1 };
  if (r.until_condition === "D") return { kind: "D", date: toCal(day(r.until_date)!) };
  return { kind: "C" };
}

/** Inserts the schedule rows the plan should have by now (until-cancelled plans grow with the clock). */
async function materialise(c: pg.PoolClient, r: PlanRow, today: CalendarDate) {
  if (r.plan_status !== "A") return;
  const dates = scheduleDates(toCal(day(r.start_date)!), r.time_span, r.every, until(r), today);
  if (!dates.length) return;
  await c.query(
    `insert into sandbox_copilot.billing_schedules (billing_plan_id, seq, scheduled_date, scheduled_amount_cents)
     select $1, s.seq, s.d, $2 from unnest($3::int[], $4::date[]) as s(seq, d)
     on conflict (billing_plan_id, seq) do nothing`,
    [r.billing_plan_id, r.amount_cents, dates.map((_, i) => i), dates.map(isoDay)],
  );
}

async function render(c: pg.PoolClient, r: PlanRow, withSchedules: boolean, today: CalendarDate) {
  let schedules: ScheduleRow[] | null = null;
  if (withSchedules) {
    await materialise(c, r, today);
    schedules = (
      await c.query<ScheduleRow>(
        `select * from sandbox_copilot.billing_schedules where billing_plan_id = $1 order by seq`,
        [r.billing_plan_id],
      )
    ).rows;
  }
  const last =
    r.until_condition === "C"
      ? undefined
      : scheduleDates(toCal(day(r.start_date)!), r.time_span, r.every, until(r), today).at(-1);
  const finished = r.plan_status === "A" && last !== undefined && cmp(last, today) < 0;
  return {
    billingPlanId: String(r.billing_plan_id),
    merchId: r.merch_id,
    profileGuid: r.profile_guid,
    profileId: r.profile_id,
    acctId: r.acct_id,
    amount: dollars(r.amount_cents),
    timeSpan: r.time_span,
    every: r.every,
    untilCondition: r.until_condition,
    untilNumPayments: r.until_num_payments,
    untilDate: compact(r.until_date),
    currencySymbol: r.currency_symbol,
    startDate: compact(r.start_date),
    billingPlanName: r.name,
    options: r.options,
    planStatus: finished ? "F" : r.plan_status,
    schedules:
      schedules?.map((s) => ({
        billingPlanScheduleId: Number(s.billing_plan_schedule_id),
        actualAmount: dollars(s.actual_amount_cents),
        actualPaymentDate: copilotDate(day(s.actual_payment_date)),
        paymentStatus: s.payment_status,
        retref: s.retref,
        scheduledAmount: dollars(s.scheduled_amount_cents),
        scheduledPaymentDate: copilotDate(day(s.scheduled_date)),
      })) ?? null,
  };
}

async function loadPlan(c: pg.PoolClient, user: CoPilotUser, merchId: unknown, planId: unknown, lock = false) {
  const m = str(merchId);
  const id = str(planId);
  if (!m || !id || !/^\d{1,18}$/.test(id)) throw ApiError.of(404, "1004", "Billing plan not found.", "billingPlanId");
  const r = await c.query<PlanRow>(
    `select * from sandbox_copilot.billing_plans where billing_plan_id = $1 and merch_id = $2 and user_id = $3 ${lock ? "for update" : ""}`,
    [id, m, user.id],
  );
  if (!r.rows[0]) throw ApiError.of(404, "1004", "Billing plan not found.", "billingPlanId");
  return r.rows[0];
}

const today = (u: CoPilotUser) => toCal(userNow(u));

export async function createPlan(ctx: ApiContext): Promise<Response> {
  const body = await readJson(ctx.req);
  if (!isObject(body.billingPlan)) throw ApiError.of(400, "1100", "billingPlan is required.", "billingPlan");
  const p = body.billingPlan;
  const t = today(ctx.user);
  const errors = validatePlan(p, t);
  if (errors.length) throw new ApiError(400, errors);
  const acctId = str(p.acctId) ?? "1";
  const plan = await tx(async (c) => {
    const r = await c.query<PlanRow>(
      `insert into sandbox_copilot.billing_plans (billing_plan_id, user_id, merch_id, profile_id, acct_id, profile_guid,
         amount_cents, time_span, every, until_condition, until_num_payments, until_date, currency_symbol, start_date, name, options)
       values (nextval('sandbox_copilot.billing_plan_id_seq'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       returning *`,
      [
        ctx.user.id,
        str(p.merchId),
        str(p.profileId),
        acctId,
        createHash("sha256").update(`${p.merchId}|${p.profileId}|${acctId}`).digest("hex").slice(0, 32),
        Math.round(Number(p.amount) * 100),
        Number(p.timeSpan),
        Number(p.every),
        str(p.untilCondition),
        str(p.untilCondition) === "N" ? Number(p.untilNumPayments) : null,
        str(p.untilCondition) === "D" ? isoDay(parseCompactDate(str(p.untilDate)!)!) : null,
        str(p.currencySymbol),
        isoDay(parseCompactDate(str(p.startDate)!)!),
        str(p.billingPlanName),
        JSON.stringify(p.options),
      ],
    );
    return render(c, r.rows[0]!, true, t);
  });
  return ok({ billingPlan: plan });
}

export async function listPlans(ctx: ApiContext): Promise<Response> {
  const merchId = ctx.params[0] ?? "";
  const pool = await db();
  const client = await pool.connect();
  try {
    const r = await client.query<PlanRow>(
      `select * from sandbox_copilot.billing_plans where merch_id = $1 and user_id = $2 order by billing_plan_id`,
      [merchId, ctx.user.id],
    );
    const t = today(ctx.user);
    const plans = [];
    for (const row of r.rows) plans.push(await render(client, row, false, t));
    return ok({ billingPlans: plans });
  } finally {
    client.release();
  }
}

export async function getPlan(ctx: ApiContext): Promise<Response> {
  const plan = await tx(async (c) =>
    render(c, await loadPlan(c, ctx.user, ctx.params[0], ctx.params[1]), true, today(ctx.user)),
  );
  return ok({ billingPlan: plan });
}

export async function updateAccount(ctx: ApiContext): Promise<Response> {
  const b = await readJson(ctx.req);
  if (!/^\d{20}$/.test(str(b.profileId) ?? ""))
    throw ApiError.of(400, "1162", "profileId must be the 20-digit CardPointe profile id.", "profileId");
  if (b.acctId !== undefined && b.acctId !== null && !/^\d{1,3}$/.test(str(b.acctId) ?? ""))
    throw ApiError.of(400, "1163", "acctId must be 1 to 3 digits.", "acctId");
  const plan = await tx(async (c) => {
    const row = await loadPlan(c, ctx.user, b.merchId, b.billingPlanId, true);
    if (row.plan_status !== "A")
      throw ApiError.of(400, "1174", "Only an active billing plan can be changed.", "billingPlanId");
    const r = await c.query<PlanRow>(
      `update sandbox_copilot.billing_plans set profile_id = $2, acct_id = $3 where billing_plan_id = $1 returning *`,
      [row.billing_plan_id, str(b.profileId), str(b.acctId) ?? "1"],
    );
    return render(c, r.rows[0]!, true, today(ctx.user));
  });
  return ok({ billingPlan: plan });
}

async function changePayment(ctx: ApiContext, to: "Paid" | "Cancelled"): Promise<Response> {
  const b = await readJson(ctx.req);
  const sid = str(b.billingPlanScheduleId);
  if (!sid || !/^\d{1,18}$/.test(sid))
    throw ApiError.of(400, "1100", "billingPlanScheduleId is required.", "billingPlanScheduleId");
  const retref = str(b.retref);
  if (retref && retref.length > 13) throw ApiError.of(400, "1175", "retref must be 13 characters or fewer.", "retref");
  const plan = await tx(async (c) => {
    const r = await c.query<ScheduleRow & { billing_plan_id: string }>(
      `select s.* from sandbox_copilot.billing_schedules s join sandbox_copilot.billing_plans p using (billing_plan_id)
        where s.billing_plan_schedule_id = $1 and p.user_id = $2 and ($3::text is null or p.merch_id = $3) for update of s`,
      [sid, ctx.user.id, str(b.merchId) ?? null],
    );
    const s = r.rows[0];
    if (!s) throw ApiError.of(404, "1004", "Billing plan schedule not found.", "billingPlanScheduleId");
    const allowed = to === "Paid" ? ["Scheduled", "Failed"] : ["Scheduled"];
    if (!allowed.includes(s.payment_status))
      throw ApiError.of(
        400,
        "1176",
        `The payment is ${s.payment_status}; it cannot be marked ${to}.`,
        "billingPlanScheduleId",
      );
    await c.query(
      to === "Paid"
        ? `update sandbox_copilot.billing_schedules set payment_status = 'Paid', actual_amount_cents = scheduled_amount_cents,
             actual_payment_date = $2, retref = $3 where billing_plan_schedule_id = $1`
        : `update sandbox_copilot.billing_schedules set payment_status = 'Cancelled' where billing_plan_schedule_id = $1`,
      to === "Paid" ? [sid, userNow(ctx.user).toISOString().slice(0, 10), retref ?? null] : [sid],
    );
    const p = await c.query<PlanRow>(`select * from sandbox_copilot.billing_plans where billing_plan_id = $1`, [
      s.billing_plan_id,
    ]);
    return render(c, p.rows[0]!, true, today(ctx.user));
  });
  return ok({ billingPlan: plan });
}

export const markAsPaid = (ctx: ApiContext) => changePayment(ctx, "Paid");
export const cancelPayment = (ctx: ApiContext) => changePayment(ctx, "Cancelled");

export async function cancelPlan(ctx: ApiContext): Promise<Response> {
  const b = await readJson(ctx.req);
  const plan = await tx(async (c) => {
    const row = await loadPlan(c, ctx.user, b.merchId, b.billingPlanId, true);
    if (row.plan_status === "C")
      throw ApiError.of(400, "1174", "The billing plan is already cancelled.", "billingPlanId");
    await c.query(`update sandbox_copilot.billing_plans set plan_status = 'C' where billing_plan_id = $1`, [
      row.billing_plan_id,
    ]);
    await c.query(
      `update sandbox_copilot.billing_schedules set payment_status = 'Cancelled' where billing_plan_id = $1 and payment_status = 'Scheduled'`,
      [row.billing_plan_id],
    );
    return render(c, { ...row, plan_status: "C" }, true, today(ctx.user));
  });
  return ok({ billingPlan: plan });
}
