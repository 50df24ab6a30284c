import { getDb } from "@/db/client";
import { Unsupported } from "@/lib/gateway/errors";
import type { GatewayAdapter, Subscription } from "@/lib/gateway/types";
import { writeAudit } from "@/lib/services/audit/write";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { labelsFor, upsertSubscriptions } from "@/lib/sync/subscriptions";

/** Who is changing recurring billing: a portal user (audit rows name them). */
export interface Actor {
  userId: string;
}

/** The merchant's adapter, refusing plainly when its gateway family has no recurring billing here. */
export async function recurringGateway(merchantId: string): Promise<GatewayAdapter> {
  const gateway = await gatewayForMerchant(merchantId);
  if (!gateway.capabilities.recurring) throw new Unsupported(gateway.family, "recurring");
  return gateway;
}

/** Catalog items (add-ons, discounts, plans) are not cached: the audit row is the only portal-side write. */
export async function auditRecurring(
  merchantId: string,
  actor: Actor,
  entry: { action: string; targetType: string; targetId: string; before?: unknown; after?: unknown },
): Promise<void> {
  await writeAudit(getDb(), { actorUserId: actor.userId, merchantId, ...entry });
}

/** The parts of a subscription an audit row keeps. */
export function subscriptionAuditView(s: Subscription) {
  return {
    status: s.status,
    planId: s.planId,
    customerId: s.customer.id,
    amount: s.amount,
    billingFrequency: s.billingFrequency,
    billingCycleInterval: s.billingCycleInterval,
    billingDays: s.billingDays,
    duration: s.duration,
    nextBillDate: s.nextBillDate,
    addOns: s.addOns,
    discounts: s.discounts,
  };
}

/** Write-through after a gateway write: the returned subscription into the cache, with its audit row, atomically. */
export async function recordSubscriptionChange(
  gateway: GatewayAdapter,
  merchantId: string,
  sub: Subscription,
  audit: { actor: Actor; action: string; before?: unknown } | null,
): Promise<void> {
  const labels = await labelsFor(gateway, merchantId, [sub]);
  await getDb().transaction(async (tx) => {
    await upsertSubscriptions(tx, merchantId, [sub], labels);
    if (audit) {
      await writeAudit(tx, {
        actorUserId: audit.actor.userId,
        merchantId,
        action: audit.action,
        targetType: "subscription",
        targetId: sub.id,
        before: audit.before ?? null,
        after: subscriptionAuditView(sub),
      });
    }
  });
}
