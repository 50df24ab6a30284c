import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { customers, subscriptions } from "@/db/schema";
import { NotFound } from "@/lib/gateway/errors";
import type { GatewayAdapter, Subscription } from "@/lib/gateway/types";
import { log } from "@/lib/log";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { displayName, primaryAddress } from "./customers";
import { type MerchantEvent, emitMerchantEvents } from "./merchant-events";

type Row = typeof subscriptions.$inferInsert;

/** Names shown beside a subscription in lists (the gateway's subscription carries only ids). */
export interface SubscriptionLabels {
  planNames?: ReadonlyMap<string, string>;
  customers?: ReadonlyMap<string, { name: string | null; email: string | null }>;
}

/** Domain subscription → cache row. */
export function rowFromSubscription(
  merchantId: string,
  s: Subscription,
  labels: SubscriptionLabels = {},
  now = new Date(),
): Row {
  const created = s.createdAt ? new Date(s.createdAt) : now;
  const customer = labels.customers?.get(s.customer.id);
  return {
    merchantId,
    providerId: s.id,
    status: s.status,
    planId: s.planId,
    planName: s.planId ? (labels.planNames?.get(s.planId) ?? null) : null,
    description: s.description,
    customerId: s.customer.id,
    customerName: customer?.name ?? null,
    customerEmail: customer?.email ?? null,
    paymentMethodType: s.customer.paymentMethodType,
    paymentMethodId: s.customer.paymentMethodId,
    billingAddressId: s.customer.billingAddressId,
    shippingAddressId: s.customer.shippingAddressId,
    amount: s.amount,
    currency: s.currency.toUpperCase(),
    billingFrequency: s.billingFrequency,
    billingCycleInterval: s.billingCycleInterval,
    billingDays: s.billingFrequency === "daily" ? "" : s.billingDays.join(","),
    duration: s.duration,
    nextBillDate: s.nextBillDate,
    addOns: s.addOns,
    discounts: s.discounts,
    totalAddOns: s.totalAddOns,
    totalDiscounts: s.totalDiscounts,
    providerCreatedAt: created,
    providerUpdatedAt: s.updatedAt ? new Date(s.updatedAt) : created,
    // A row seen for the first time changed status no later than the gateway last touched it (a backfilled
    // old cancellation is not churn of this month); later changes are stamped when the cache sees them.
    statusChangedAt: s.updatedAt && new Date(s.updatedAt) < now ? new Date(s.updatedAt) : now,
    deletedAt: null,
    updatedAt: now,
  };
}

/**
 * Idempotent upsert keyed by (merchant, provider id). Labels already cached are kept when this write does not
 * know them; `status_changed_at` moves only when the status really changed.
 */
export async function upsertSubscriptions(
  db: DbOrTx,
  merchantId: string,
  subs: Subscription[],
  labels: SubscriptionLabels = {},
): Promise<void> {
  if (subs.length === 0) return;
  const now = new Date();
  const rows = subs.map((s) => rowFromSubscription(merchantId, s, labels, now));
  const ex = (col: string) => sql.raw(`excluded.${col}`);
  const before = new Map(
    (
      await db
        .select({ id: subscriptions.providerId, status: subscriptions.status, deletedAt: subscriptions.deletedAt })
        .from(subscriptions)
        .where(
          and(
            eq(subscriptions.merchantId, merchantId),
            inArray(
              subscriptions.providerId,
              rows.map((r) => r.providerId),
            ),
          ),
        )
    ).map((r) => [r.id, r.deletedAt ? "deleted" : r.status]),
  );
  await db
    .insert(subscriptions)
    .values(rows)
    .onConflictDoUpdate({
      target: [subscriptions.merchantId, subscriptions.providerId],
      set: {
        status: ex("status"),
        planId: ex("plan_id"),
        planName: sql`coalesce(${ex("plan_name")}, case when ${subscriptions.planId} is not distinct from ${ex("plan_id")} then ${subscriptions.planName} end)`,
        description: ex("description"),
        customerId: ex("customer_id"),
        customerName: sql`coalesce(${ex("customer_name")}, case when ${subscriptions.customerId} = ${ex("customer_id")} then ${subscriptions.customerName} end)`,
        customerEmail: sql`coalesce(${ex("customer_email")}, case when ${subscriptions.customerId} = ${ex("customer_id")} then ${subscriptions.customerEmail} end)`,
        paymentMethodType: ex("payment_method_type"),
        paymentMethodId: ex("payment_method_id"),
        billingAddressId: ex("billing_address_id"),
        shippingAddressId: ex("shipping_address_id"),
        amount: ex("amount"),
        currency: ex("currency"),
        billingFrequency: ex("billing_frequency"),
        billingCycleInterval: ex("billing_cycle_interval"),
        billingDays: ex("billing_days"),
        duration: ex("duration"),
        nextBillDate: ex("next_bill_date"),
        addOns: ex("add_ons"),
        discounts: ex("discounts"),
        totalAddOns: ex("total_add_ons"),
        totalDiscounts: ex("total_discounts"),
        providerCreatedAt: ex("provider_created_at"),
        providerUpdatedAt: ex("provider_updated_at"),
        statusChangedAt: sql`case when ${subscriptions.status} = ${ex("status")} and ${subscriptions.deletedAt} is null then ${subscriptions.statusChangedAt} else ${ex("updated_at")} end`,
        deletedAt: sql`null`,
        updatedAt: ex("updated_at"),
      },
    });
  // Announced to the merchant's webhook endpoints in this transaction: a new subscription or a new status.
  const events: MerchantEvent[] = [];
  for (const r of rows) {
    const prev = before.get(r.providerId);
    if (prev === r.status) continue;
    const type =
      prev === undefined
        ? "subscription.created"
        : r.status === "cancelled"
          ? "subscription.canceled"
          : "subscription.updated";
    events.push({ type, data: subscriptionData(r, prev ?? null) });
  }
  await emitMerchantEvents(db, merchantId, events);
}

function subscriptionData(r: Row, previousStatus: string | null): Record<string, unknown> {
  return {
    id: r.providerId,
    status: r.status,
    previousStatus,
    planId: r.planId ?? null,
    customerId: r.customerId ?? null,
    amount: r.amount ?? null,
    currency: r.currency ?? "USD",
    nextBillDate: r.nextBillDate ?? null,
  };
}

/** Marks a subscription deleted at the gateway (kept for history; lists and metrics skip it). */
export async function markSubscriptionDeleted(db: DbOrTx, merchantId: string, subscriptionId: string): Promise<void> {
  const [row] = await db
    .update(subscriptions)
    .set({ deletedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(subscriptions.merchantId, merchantId),
        eq(subscriptions.providerId, subscriptionId),
        isNull(subscriptions.deletedAt),
      ),
    )
    .returning();
  if (row) {
    await emitMerchantEvents(db, merchantId, [
      { type: "subscription.canceled", data: { ...subscriptionData(row, row.status), status: "deleted" } },
    ]);
  }
}

/**
 * Labels for subscriptions: plan names from the gateway's plan list, customer names from the vault cache,
 * else from the gateway's vault (one read per customer not cached yet).
 */
export async function labelsFor(
  gateway: GatewayAdapter,
  merchantId: string,
  subs: Subscription[],
  db: DbOrTx = getDb(),
): Promise<SubscriptionLabels> {
  const planIds = new Set(subs.map((s) => s.planId).filter((id): id is string => !!id));
  const planNames = new Map<string, string>();
  if (planIds.size) {
    for (const p of await gateway.recurring.plans.list()) planNames.set(p.id, p.name);
  }
  const ids = [...new Set(subs.map((s) => s.customer.id).filter(Boolean))];
  const known = new Map<string, { name: string | null; email: string | null }>();
  if (ids.length) {
    const cached = await db
      .select({ id: customers.providerId, name: customers.name, email: customers.email })
      .from(customers)
      .where(and(eq(customers.merchantId, merchantId), inArray(customers.providerId, ids)));
    for (const c of cached) known.set(c.id, { name: c.name, email: c.email });
  }
  for (const id of ids) {
    if (known.has(id)) continue;
    try {
      const primary = primaryAddress(await gateway.vault.getCustomer(id));
      known.set(id, { name: displayName(primary), email: primary?.email ?? null });
    } catch (err) {
      if (!(err instanceof NotFound)) throw err;
    }
  }
  return { planNames, customers: known };
}

/**
 * Re-reads every subscription the cache knows from its gateway (used by the reconcile job) — one documented
 * `GET /recurring/subscription/{id}` each, since seed 003 documents no subscription search; subscriptions made
 * outside the portal arrive through the gateway's webhooks. Upserts what the gateway answers and marks the rows it
 * no longer knows (404) as deleted.
 */
export async function syncMerchantSubscriptions(
  merchantId: string,
  /** Ids named by a webhook (a subscription made outside the portal is read the first time here). */
  also: readonly string[] = [],
): Promise<{ synced: number; deleted: number }> {
  const gateway = await gatewayForMerchant(merchantId);
  if (!gateway.capabilities.recurring) return { synced: 0, deleted: 0 };
  const db = getDb();
  const known = await db
    .select({ id: subscriptions.providerId })
    .from(subscriptions)
    .where(and(eq(subscriptions.merchantId, merchantId), isNull(subscriptions.deletedAt)));
  const all: Subscription[] = [];
  const missing: string[] = [];
  for (const id of new Set([...known.map((k) => k.id), ...also.filter(Boolean)])) {
    try {
      all.push(await gateway.recurring.subscriptions.get(id));
    } catch (err) {
      if (!(err instanceof NotFound)) throw err;
      missing.push(id);
    }
  }
  const labels = await labelsFor(gateway, merchantId, all);
  const deleted = await db.transaction(async (tx) => {
    for (let i = 0; i < all.length; i += 500) {
      await upsertSubscriptions(tx, merchantId, all.slice(i, i + 500), labels);
    }
    const gone = await tx
      .update(subscriptions)
      .set({ deletedAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          eq(subscriptions.merchantId, merchantId),
          isNull(subscriptions.deletedAt),
          inArray(subscriptions.providerId, missing.length ? missing : [""]),
        ),
      )
      .returning({ id: subscriptions.providerId });
    return gone.length;
  });
  log().info({ merchantId, synced: all.length, deleted }, "subscriptions synced");
  return { synced: all.length, deleted };
}
