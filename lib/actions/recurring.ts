"use server";

import { oncePerIntent } from "@/lib/services/intents";
import { intentField } from "@/lib/validations/intent";
import { z } from "zod";
import { merchantAction, revalidate } from "@/lib/actions/safe-action";
import { deleteAdjustment, deletePlan, saveAdjustment, savePlan } from "@/lib/services/recurring/catalog";
import { changeSubscriptionStatus, createSubscription } from "@/lib/services/recurring/subscriptions";
import { STATUS_CHANGES } from "@/lib/services/recurring/transitions";
import {
  activateSubscriptionSchema,
  adjustmentFormSchema,
  planFormSchema,
  subscriptionFormSchema,
} from "@/lib/validations/recurring";

/** Recurring billing actions: guard → validate (lib/validations/recurring) → service (gateway first) → revalidate. */

function refresh(merchantId: string, ...paths: string[]) {
  revalidate(
    { layout: `/m/${merchantId}/recurring` },
    ...paths.map((p) => `/m/${merchantId}/recurring/${p}`),
    `/m/${merchantId}`,
  );
}

// The form schemas are the rules; these only add which record is meant.
const optionalId = z.object({ id: z.string().trim().min(1).optional() });
const requiredId = z.object({ id: z.string().trim().min(1, "Missing id.") });

/** Creating (no id) is once per form intent; saving an existing one is an update and needs none. */
const createOnce = <T extends { id: string }>(
  scope: string,
  kind: string,
  input: { id?: string; intentId?: string },
  save: () => Promise<T>,
) =>
  input.id
    ? save().then((s) => ({ id: s.id }))
    : oncePerIntent({ scope, kind, intentId: input.intentId }, async () => ({ id: (await save()).id }));

/** Add-ons and discounts are one catalog record of two kinds, with the same pair of actions each. */
const ADJUSTMENT_KINDS = {
  addOn: { page: "add-ons", createKind: "add-on.create" },
  discount: { page: "discounts", createKind: "discount.create" },
} as const;

const saveAdjustmentAction = (kind: keyof typeof ADJUSTMENT_KINDS) =>
  merchantAction("recurring:edit", optionalId.and(intentField).and(adjustmentFormSchema), async (ctx, input) => {
    const saved = await createOnce(ctx.merchant.id, ADJUSTMENT_KINDS[kind].createKind, input, () =>
      saveAdjustment(ctx.merchant.id, { userId: ctx.user.id }, kind, input),
    );
    refresh(ctx.merchant.id, ADJUSTMENT_KINDS[kind].page);
    return { id: saved.id };
  });

const deleteAdjustmentAction = (kind: keyof typeof ADJUSTMENT_KINDS) =>
  merchantAction("recurring:edit", requiredId, async (ctx, input) => {
    await deleteAdjustment(ctx.merchant.id, { userId: ctx.user.id }, kind, input.id);
    refresh(ctx.merchant.id, ADJUSTMENT_KINDS[kind].page);
    return { id: input.id };
  });

export const saveAddOnAction = saveAdjustmentAction("addOn");
export const deleteAddOnAction = deleteAdjustmentAction("addOn");
export const saveDiscountAction = saveAdjustmentAction("discount");
export const deleteDiscountAction = deleteAdjustmentAction("discount");

export const savePlanAction = merchantAction(
  "recurring:edit",
  optionalId.and(intentField).and(planFormSchema),
  async (ctx, input) => {
    const saved = await createOnce(ctx.merchant.id, "plan.create", input, () =>
      savePlan(ctx.merchant.id, { userId: ctx.user.id }, input),
    );
    refresh(ctx.merchant.id, "plans");
    return { id: saved.id };
  },
);

export const deletePlanAction = merchantAction("recurring:edit", requiredId, async (ctx, input) => {
  await deletePlan(ctx.merchant.id, { userId: ctx.user.id }, input.id);
  refresh(ctx.merchant.id, "plans");
  return { id: input.id };
});

export const createSubscriptionAction = merchantAction(
  "recurring:edit",
  intentField.and(subscriptionFormSchema),
  async (ctx, input) => {
    const sub = await oncePerIntent(
      { scope: ctx.merchant.id, kind: "subscription.create", intentId: input.intentId },
      async () => ({ id: (await createSubscription(ctx.merchant.id, { userId: ctx.user.id }, input)).id }),
    );
    refresh(ctx.merchant.id, "subscriptions");
    return { id: sub.id };
  },
);

export const changeSubscriptionStatusAction = merchantAction(
  "recurring:edit",
  z
    .object({
      subscriptionId: z.string().trim().min(1, "Missing subscription."),
      status: z.enum(STATUS_CHANGES, "Choose a status."),
    })
    .and(activateSubscriptionSchema),
  async (ctx, input) => {
    const sub = await changeSubscriptionStatus(ctx.merchant.id, { userId: ctx.user.id }, input);
    refresh(ctx.merchant.id, "subscriptions", `subscriptions/${sub.id}`);
    return { id: sub.id, status: sub.status, nextBillDate: sub.nextBillDate };
  },
);
