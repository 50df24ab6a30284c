import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getCustomer } from "@/db/queries/customers";
import type { MerchantContext } from "@/lib/auth/guard";
import {
  type BillingPlan,
  type BillingPlanStatus,
  cancelBillingPayment,
  cancelBillingPlan,
  createBillingPlan,
  getBillingPlan,
  listBillingPlans,
  markBillingPaymentPaid,
  type NewBillingPlan,
} from "@/lib/copilot";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { UserError } from "@/lib/errors";
import { Declined } from "@/lib/gateway/errors";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { writeAudit } from "@/lib/services/audit/write";
import { upsertTransactions } from "@/lib/sync/transactions";
import { BILLING_PLAN_PAGE_SIZE, type CreateBillingPlanInput } from "@/lib/validations/billing-plans";
import { billingContext, withBillingFieldErrors } from "./context";

export interface BillingPlanRow extends BillingPlan {
  customerName: string | null;
}

export interface BillingPlanPage {
  items: BillingPlanRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<"all" | "active" | "cancelled" | "finished", number>;
}

/** Names of the plans' vault customers from the cache (a profile unknown to the cache shows its id). */
async function withCustomerNames(merchantId: string, plans: BillingPlan[]): Promise<BillingPlanRow[]> {
  const db = getDb();
  const ids = [...new Set(plans.map((p) => p.profileId))];
  const names = new Map<string, string | null>();
  await Promise.all(
    ids.map(async (id) => {
      const c = await getCustomer({ merchantId, customerId: id }, db);
      names.set(id, c ? (c.name ?? c.email ?? c.company ?? null) : null);
    }),
  );
  return plans.map((p) => ({ ...p, customerName: names.get(p.profileId) ?? null }));
}

/**
 * The merchant's billing plans at CoPilot, newest first, one page at a time. CoPilot's list has no paging
 * and no filter, so both happen here; the list is read live (CoPilot is the only record of the plans).
 */
export async function listBillingPlansPage(
  ctx: MerchantContext,
  params: { status?: BillingPlanStatus | "all"; page?: number; customerId?: string },
): Promise<BillingPlanPage> {
  const { client, merchId } = await billingContext(ctx);
  let all = (await listBillingPlans(client, merchId)).sort((a, b) => Number(b.id) - Number(a.id));
  if (params.customerId) all = all.filter((p) => p.profileId === params.customerId);
  const counts = {
    all: all.length,
    active: all.filter((p) => p.status === "active").length,
    cancelled: all.filter((p) => p.status === "cancelled").length,
    finished: all.filter((p) => p.status === "finished").length,
  };
  const status = params.status ?? "all";
  const filtered = status === "all" ? all : all.filter((p) => p.status === status);
  const pageSize = BILLING_PLAN_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(filtered.length / pageSize));
  const page = Math.min(Math.max(params.page ?? 1, 1), pages);
  const slice = filtered.slice((page - 1) * pageSize, page * pageSize);
  return { items: await withCustomerNames(ctx.merchant.id, slice), total: filtered.length, page, pageSize, counts };
}

export async function getBillingPlanDetail(ctx: MerchantContext, planId: string): Promise<BillingPlanRow> {
  const { client, merchId } = await billingContext(ctx);
  const plan = await getBillingPlan(client, merchId, planId);
  const [row] = await withCustomerNames(ctx.merchant.id, [plan]);
  return row!;
}

function toNewPlan(merchId: string, input: CreateBillingPlanInput): NewBillingPlan {
  return {
    merchId,
    profileId: input.customerId,
    acctId: input.acctId,
    name: input.name,
    amountCents: input.amount,
    interval: input.interval,
    every: input.every,
    startDate: input.startDate,
    until:
      input.untilKind === "payments"
        ? { kind: "payments", count: input.untilCount! }
        : input.untilKind === "date"
          ? { kind: "date", date: input.untilDate! }
          : { kind: "cancelled" },
    emailReceipt: input.emailReceipt,
  };
}

function sameTerms(p: BillingPlan, n: NewBillingPlan): boolean {
  return (
    p.status === "active" &&
    p.profileId === n.profileId &&
    p.acctId === n.acctId &&
    p.name === n.name &&
    p.amountCents === n.amountCents &&
    p.interval === n.interval &&
    p.every === n.every &&
    p.startDate === n.startDate &&
    JSON.stringify(p.until) === JSON.stringify(n.until)
  );
}

/**
 * Creates a billing plan on one of the merchant's vault profiles. CoPilot has no idempotency key, so a double
 * submit is caught here: under a per-(merchant, profile) advisory lock an identical active plan is returned
 * instead of a second one being created. The audit row is written in the same transaction.
 */
export async function createBillingPlanFor(
  ctx: MerchantContext,
  input: CreateBillingPlanInput,
): Promise<{ plan: BillingPlan; duplicate: boolean }> {
  const db = getDb();
  const { client, merchId } = await billingContext(ctx);
  const customer = await getCustomer({ merchantId: ctx.merchant.id, customerId: input.customerId }, db);
  if (!customer)
    throw new UserError("invalid", "Choose a customer from this merchant's vault.", {
      customerId: ["Choose a customer from the vault."],
    });
  if (!customer.paymentMethods.some((m) => m.id === input.acctId))
    throw new UserError("invalid", "Choose one of the customer's stored payment methods.", {
      acctId: ["Choose one of the customer's stored payment methods."],
    });
  const wanted = toNewPlan(merchId, input);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`billing-plan|${ctx.merchant.id}|${input.customerId}`}, 0))`,
    );
    const existing = (await listBillingPlans(client, merchId)).find((p) => sameTerms(p, wanted));
    if (existing) return { plan: existing, duplicate: true };
    const plan = await withBillingFieldErrors(
      () => createBillingPlan(client, wanted),
      "CoPilot did not accept the billing plan. Please correct the highlighted fields.",
    );
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      merchantId: ctx.merchant.id,
      partnerId: ctx.merchant.partnerId,
      action: "billing_plan.created",
      targetType: "billing_plan",
      targetId: plan.id,
      after: {
        merchId,
        profileId: plan.profileId,
        acctId: plan.acctId,
        name: plan.name,
        amountCents: plan.amountCents,
        interval: plan.interval,
        every: plan.every,
        startDate: plan.startDate,
        until: plan.until,
      },
    });
    return { plan, duplicate: false };
  });
}

export async function cancelBillingPlanFor(ctx: MerchantContext, planId: string): Promise<BillingPlan> {
  const { client, merchId } = await billingContext(ctx);
  const before = await getBillingPlan(client, merchId, planId);
  if (before.status !== "active")
    throw new UserError("conflict", `This billing plan is already ${before.status}; there is nothing to cancel.`);
  const plan = await withBillingFieldErrors(
    () => cancelBillingPlan(client, merchId, planId),
    "CoPilot did not cancel the billing plan.",
  );
  await writeAudit(getDb(), {
    actorUserId: ctx.user.id,
    merchantId: ctx.merchant.id,
    partnerId: ctx.merchant.partnerId,
    action: "billing_plan.cancelled",
    targetType: "billing_plan",
    targetId: planId,
    before: { status: before.status },
    after: {
      status: plan.status,
      paymentsCancelled:
        (plan.payments ?? []).filter((p) => p.status === "cancelled").length -
        (before.payments ?? []).filter((p) => p.status === "cancelled").length,
    },
  });
  return plan;
}

async function changePayment(
  ctx: MerchantContext,
  p: { planId: string; paymentId: string; retref?: string },
  to: "paid" | "cancelled",
): Promise<BillingPlan> {
  const { client, merchId } = await billingContext(ctx);
  // The schedule id must belong to this merchant's plan: read the plan first (404 for anything else).
  const before = await getBillingPlan(client, merchId, p.planId);
  const payment = before.payments?.find((s) => s.id === p.paymentId);
  if (!payment) throw new UserError("invalid", "This payment is not part of the billing plan.");
  const allowed = to === "paid" ? ["scheduled", "failed"] : ["scheduled"];
  if (!allowed.includes(payment.status))
    throw new UserError("conflict", `This payment is ${payment.status}; it cannot be marked ${to}.`);
  const plan = await withBillingFieldErrors(
    () =>
      to === "paid"
        ? markBillingPaymentPaid(client, { merchId, planId: p.planId, paymentId: p.paymentId, retref: p.retref })
        : cancelBillingPayment(client, { merchId, paymentId: p.paymentId }),
    to === "paid" ? "CoPilot did not mark the payment paid." : "CoPilot did not cancel the payment.",
  );
  await writeAudit(getDb(), {
    actorUserId: ctx.user.id,
    merchantId: ctx.merchant.id,
    partnerId: ctx.merchant.partnerId,
    action: to === "paid" ? "billing_plan.payment_marked_paid" : "billing_plan.payment_cancelled",
    targetType: "billing_plan_payment",
    targetId: p.paymentId,
    before: { planId: p.planId, status: payment.status, scheduledCents: payment.scheduledCents },
    after: { status: to, ...(p.retref ? { retref: p.retref } : {}) },
  });
  return plan;
}

export const markBillingPaymentPaidFor = (
  ctx: MerchantContext,
  p: { planId: string; paymentId: string; retref?: string },
) => changePayment(ctx, p, "paid");

export const cancelBillingPaymentFor = (ctx: MerchantContext, p: { planId: string; paymentId: string }) =>
  changePayment(ctx, p, "cancelled");

/**
 * Charges one scheduled (or failed) payment of a billing plan on the plan's stored card through the CardPointe
 * gateway and marks it paid at CoPilot with the sale's retref. Stored credentials (CardPointe Gateway `auth`,
 * yaml `cof`/`cofscheduled`, services.md §auth): the plan's first charge is customer-initiated (`cof` C,
 * `cofscheduled` Y — the customer signing up); every later one is a merchant-initiated scheduled renewal (`cof` M,
 * `cofscheduled` Y, `ecomind` R). Serialised per plan (advisory lock), so a double submit cannot charge twice.
 */
export async function chargeBillingPaymentFor(
  ctx: MerchantContext,
  p: { planId: string; paymentId: string },
): Promise<{ plan: BillingPlan; retref: string }> {
  const db = getDb();
  const { client, merchId } = await billingContext(ctx);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`billing-plan-charge|${ctx.merchant.id}|${p.planId}`}, 0))`,
    );
    const before = await getBillingPlan(client, merchId, p.planId);
    const payment = before.payments?.find((s) => s.id === p.paymentId);
    if (!payment) throw new UserError("invalid", "This payment is not part of the billing plan.");
    if (payment.status !== "scheduled" && payment.status !== "failed")
      throw new UserError("conflict", `This payment is ${payment.status}; it cannot be charged.`);
    const initial = !(before.payments ?? []).some((s) => s.status === "paid" && s.retref);
    const gateway = await gatewayForMerchant(ctx.merchant.id);
    const attempt = (before.payments ?? []).filter((s) => s.status === "failed").length;
    let txn;
    try {
      txn = await gateway.transactions.create({
        type: "sale",
        amount: payment.scheduledCents,
        currency: "USD",
        source: { kind: "customer", customerId: before.profileId, paymentMethodId: before.acctId },
        idempotencyKey: idempotencyKeyFor("billing-plan-charge", ctx.merchant.id, p.planId, p.paymentId, attempt),
        description: before.name,
        initiatedBy: initial ? "customer" : "merchant",
        billingMethod: initial ? "initial_recurring" : "recurring",
      });
    } catch (err) {
      if (err instanceof Declined) {
        if (err.transaction) await upsertTransactions(tx, ctx.merchant.id, [err.transaction]);
        throw new UserError("declined", `The card was declined: ${err.reason}.`);
      }
      throw err;
    }
    await upsertTransactions(tx, ctx.merchant.id, [txn]);
    const plan = await withBillingFieldErrors(
      () => markBillingPaymentPaid(client, { merchId, planId: p.planId, paymentId: p.paymentId, retref: txn.id }),
      "The card was charged but CoPilot did not mark the payment paid.",
    );
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      merchantId: ctx.merchant.id,
      partnerId: ctx.merchant.partnerId,
      action: "billing_plan.payment_charged",
      targetType: "billing_plan_payment",
      targetId: p.paymentId,
      before: { planId: p.planId, status: payment.status, scheduledCents: payment.scheduledCents },
      after: { status: "paid", retref: txn.id, initiatedBy: initial ? "customer" : "merchant" },
    });
    return { plan, retref: txn.id };
  });
}
