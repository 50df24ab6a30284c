"use server";

import { revalidatePath } from "next/cache";
import { merchantAction } from "@/lib/actions/safe-action";
import {
  cancelBillingPaymentFor,
  cancelBillingPlanFor,
  createBillingPlanFor,
  markBillingPaymentPaidFor,
} from "@/lib/services/billing-plans";
import { billingPaymentInput, billingPlanRefInput, createBillingPlanInput } from "@/lib/validations/billing-plans";

function revalidate(merchantId: string) {
  try {
    revalidatePath(`/m/${merchantId}/recurring/billing-plans`, "layout");
  } catch {
    // Outside a Next request (integration tests) there is nothing to revalidate.
  }
}

export const createBillingPlanAction = merchantAction("recurring:edit", createBillingPlanInput, async (ctx, input) => {
  const { plan, duplicate } = await createBillingPlanFor(ctx, input);
  revalidate(ctx.merchant.id);
  return { planId: plan.id, duplicate };
});

export const cancelBillingPlanAction = merchantAction("recurring:edit", billingPlanRefInput, async (ctx, input) => {
  const plan = await cancelBillingPlanFor(ctx, input.planId);
  revalidate(ctx.merchant.id);
  return { planId: plan.id, status: plan.status };
});

export const markBillingPaymentPaidAction = merchantAction(
  "recurring:edit",
  billingPaymentInput,
  async (ctx, input) => {
    await markBillingPaymentPaidFor(ctx, input);
    revalidate(ctx.merchant.id);
    return { paymentId: input.paymentId, status: "paid" as const };
  },
);

export const cancelBillingPaymentAction = merchantAction("recurring:edit", billingPaymentInput, async (ctx, input) => {
  await cancelBillingPaymentFor(ctx, input);
  revalidate(ctx.merchant.id);
  return { paymentId: input.paymentId, status: "cancelled" as const };
});
