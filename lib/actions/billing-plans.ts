"use server";

import { merchantAction, revalidate } from "@/lib/actions/safe-action";
import {
  cancelBillingPaymentFor,
  cancelBillingPlanFor,
  chargeBillingPaymentFor,
  createBillingPlanFor,
  markBillingPaymentPaidFor,
} from "@/lib/services/billing-plans";
import { billingPaymentInput, billingPlanRefInput, createBillingPlanInput } from "@/lib/validations/billing-plans";

function refresh(merchantId: string) {
  revalidate({ layout: `/m/${merchantId}/recurring/billing-plans` });
}

export const createBillingPlanAction = merchantAction("recurring:edit", createBillingPlanInput, async (ctx, input) => {
  const { plan, duplicate } = await createBillingPlanFor(ctx, input);
  refresh(ctx.merchant.id);
  return { planId: plan.id, duplicate };
});

export const cancelBillingPlanAction = merchantAction("recurring:edit", billingPlanRefInput, async (ctx, input) => {
  const plan = await cancelBillingPlanFor(ctx, input.planId);
  refresh(ctx.merchant.id);
  return { planId: plan.id, status: plan.status };
});

export const markBillingPaymentPaidAction = merchantAction(
  "recurring:edit",
  billingPaymentInput,
  async (ctx, input) => {
    await markBillingPaymentPaidFor(ctx, input);
    refresh(ctx.merchant.id);
    return { paymentId: input.paymentId, status: "paid" as const };
  },
);

export const cancelBillingPaymentAction = merchantAction("recurring:edit", billingPaymentInput, async (ctx, input) => {
  await cancelBillingPaymentFor(ctx, input);
  refresh(ctx.merchant.id);
  return { paymentId: input.paymentId, status: "cancelled" as const };
});

/** Charges a scheduled payment on the plan's stored card (CIT for the plan's first charge, MIT after) and marks it paid. */
export const chargeBillingPaymentAction = merchantAction("recurring:edit", billingPaymentInput, async (ctx, input) => {
  const { retref } = await chargeBillingPaymentFor(ctx, { planId: input.planId, paymentId: input.paymentId });
  refresh(ctx.merchant.id);
  return { paymentId: input.paymentId, status: "paid" as const, retref };
});
