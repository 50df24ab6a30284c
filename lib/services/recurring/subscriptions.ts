import { getDb } from "@/db/client";
import { NotFound } from "@/lib/gateway/errors";
import type { Subscription, SubscriptionStatusChange } from "@/lib/gateway/types";
import { UserError } from "@/lib/errors";
import { markSubscriptionDeleted } from "@/lib/sync/subscriptions";
import type { SubscriptionInput } from "@/lib/validations/recurring";
import { refs } from "./catalog";
import { type Actor, recordSubscriptionChange, recurringGateway, subscriptionAuditView } from "./shared";
import { canChangeStatus } from "./transitions";

/** Subscribes a vault customer (from a plan or custom terms), then writes it through with an audit row. */
export async function createSubscription(merchantId: string, actor: Actor, input: SubscriptionInput) {
  const gateway = await recurringGateway(merchantId);
  const c = input.customer;
  const sub = await gateway.recurring.subscriptions.create({
    planId: input.planId,
    description: input.description || undefined,
    customer: {
      id: c.id,
      paymentMethodType: c.paymentMethodType,
      paymentMethodId: c.paymentMethodId,
      billingAddressId: c.billingAddressId,
      shippingAddressId: c.shippingAddressId,
    },
    amount: input.amount,
    billingFrequency: input.billingFrequency,
    billingCycleInterval: input.billingCycleInterval,
    billingDays: input.billingDays,
    duration: input.duration,
    nextBillDate: input.nextBillDate,
    addOns: refs(input.addOns),
    discounts: refs(input.discounts),
  });
  await recordSubscriptionChange(gateway, merchantId, sub, { actor, action: "subscription.create" });
  return sub;
}

const AUDIT: Record<SubscriptionStatusChange, string> = {
  active: "activate",
  paused: "pause",
  past_due: "past_due",
  cancelled: "cancel",
  completed: "complete",
};

const LABEL: Record<SubscriptionStatusChange, string> = {
  active: "activated",
  paused: "paused",
  past_due: "marked past due",
  cancelled: "cancelled",
  completed: "completed",
};

/**
 * Moves a subscription to another status. The current status is read from the gateway (not the cache), and a
 * transition the lifecycle does not allow is refused before anything is sent.
 */
export async function changeSubscriptionStatus(
  merchantId: string,
  actor: Actor,
  input: { subscriptionId: string; status: SubscriptionStatusChange; nextBillDate?: string },
): Promise<Subscription> {
  const gateway = await recurringGateway(merchantId);
  const current = await gateway.recurring.subscriptions.get(input.subscriptionId);
  if (!canChangeStatus(current.status, input.status)) {
    // The cache may be behind: bring it up to date so the page shows the actions that are really possible.
    await recordSubscriptionChange(gateway, merchantId, current, null);
    throw new UserError(
      "conflict",
      `A ${current.status.replace("_", " ")} subscription can't be ${LABEL[input.status]}.`,
    );
  }
  const updated = await gateway.recurring.subscriptions.setStatus(
    input.subscriptionId,
    input.status,
    input.status === "active" && input.nextBillDate ? { nextBillDate: input.nextBillDate } : {},
  );
  await recordSubscriptionChange(gateway, merchantId, updated, {
    actor,
    action: `subscription.${AUDIT[input.status]}`,
    before: subscriptionAuditView(current),
  });
  return updated;
}

/**
 * Reads the subscription from the gateway and refreshes the cache (the detail page does this, so a page opened
 * after billing ran shows the gateway's status and next bill date). null when the gateway no longer has it.
 */
export async function refreshSubscription(merchantId: string, subscriptionId: string): Promise<Subscription | null> {
  const gateway = await recurringGateway(merchantId);
  try {
    const sub = await gateway.recurring.subscriptions.get(subscriptionId);
    await recordSubscriptionChange(gateway, merchantId, sub, null);
    return sub;
  } catch (err) {
    if (err instanceof NotFound) {
      await markSubscriptionDeleted(getDb(), merchantId, subscriptionId);
      return null;
    }
    throw err;
  }
}
