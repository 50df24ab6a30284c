import { and, asc, count, desc, eq, ilike, isNull, or, type SQL, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { subscriptions, transactions } from "@/db/schema";
import { paginate } from "./paginate";

/** Reads of the subscriptions cache (and of the subscription charges in the transactions cache). */

export const SUBSCRIPTION_STATUS_FILTERS = [
  "active",
  "paused",
  "past_due",
  "failing",
  "cancelled",
  "completed",
] as const;
export type SubscriptionStatusFilter = (typeof SUBSCRIPTION_STATUS_FILTERS)[number];

export interface SubscriptionSearch {
  merchantId: string;
  status?: SubscriptionStatusFilter;
  /** Customer name, email or id; subscription id; plan name. */
  q?: string;
  page?: number;
  pageSize?: number;
}

const columns = {
  id: subscriptions.providerId,
  status: subscriptions.status,
  planId: subscriptions.planId,
  planName: subscriptions.planName,
  description: subscriptions.description,
  customerId: subscriptions.customerId,
  customerName: subscriptions.customerName,
  customerEmail: subscriptions.customerEmail,
  paymentMethodType: subscriptions.paymentMethodType,
  paymentMethodId: subscriptions.paymentMethodId,
  billingAddressId: subscriptions.billingAddressId,
  shippingAddressId: subscriptions.shippingAddressId,
  amount: subscriptions.amount,
  currency: subscriptions.currency,
  billingFrequency: subscriptions.billingFrequency,
  billingCycleInterval: subscriptions.billingCycleInterval,
  billingDays: subscriptions.billingDays,
  duration: subscriptions.duration,
  nextBillDate: subscriptions.nextBillDate,
  addOns: subscriptions.addOns,
  discounts: subscriptions.discounts,
  totalAddOns: subscriptions.totalAddOns,
  totalDiscounts: subscriptions.totalDiscounts,
  createdAt: subscriptions.providerCreatedAt,
  updatedAt: subscriptions.providerUpdatedAt,
  statusChangedAt: subscriptions.statusChangedAt,
};

function selectRows(db: DbOrTx) {
  return db.select(columns).from(subscriptions);
}
export type SubscriptionRow = Awaited<ReturnType<typeof selectRows>>[number];

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function subscriptionConditions(params: Omit<SubscriptionSearch, "page" | "pageSize">): SQL[] {
  const where: SQL[] = [eq(subscriptions.merchantId, params.merchantId), isNull(subscriptions.deletedAt)];
  if (params.status) where.push(eq(subscriptions.status, params.status));
  const q = params.q?.trim();
  if (q) {
    const pattern = `%${likeEscape(q)}%`;
    where.push(
      or(
        ilike(subscriptions.customerName, pattern),
        ilike(subscriptions.customerEmail, pattern),
        eq(subscriptions.customerId, q),
        eq(subscriptions.providerId, q),
        ilike(subscriptions.planName, pattern),
        ilike(subscriptions.description, pattern),
      ) as SQL,
    );
  }
  return where;
}

/** Newest first, offset-paginated with the total. */
export async function listSubscriptions(params: SubscriptionSearch, db: DbOrTx = getDb()) {
  const where = and(...subscriptionConditions(params));
  return paginate(
    params,
    selectRows(db)
      .where(where)
      .orderBy(desc(subscriptions.providerCreatedAt), desc(subscriptions.providerId))
      .$dynamic(),
    db.select({ n: count() }).from(subscriptions).where(where),
  );
}

/** Every matching row, chunk by chunk, for the CSV export. */
export async function* iterateSubscriptions(
  params: Omit<SubscriptionSearch, "page" | "pageSize">,
  chunk = 500,
  db: DbOrTx = getDb(),
): AsyncGenerator<SubscriptionRow[]> {
  const where = and(...subscriptionConditions(params));
  for (let offset = 0; ; offset += chunk) {
    const rows = await selectRows(db)
      .where(where)
      .orderBy(desc(subscriptions.providerCreatedAt), desc(subscriptions.providerId))
      .limit(chunk)
      .offset(offset);
    if (rows.length) yield rows;
    if (rows.length < chunk) return;
  }
}

/** Counts per status (for the filter chips). */
export async function countSubscriptionsByStatus(params: { merchantId: string }, db: DbOrTx = getDb()) {
  const rows = await db
    .select({ status: subscriptions.status, n: count() })
    .from(subscriptions)
    .where(and(eq(subscriptions.merchantId, params.merchantId), isNull(subscriptions.deletedAt)))
    .groupBy(subscriptions.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}

export async function getSubscription(params: { merchantId: string; subscriptionId: string }, db: DbOrTx = getDb()) {
  const [row] = await selectRows(db)
    .where(
      and(
        eq(subscriptions.merchantId, params.merchantId),
        eq(subscriptions.providerId, params.subscriptionId),
        isNull(subscriptions.deletedAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The subscription's charges from the transactions cache, oldest first. */
export async function listSubscriptionCharges(
  params: { merchantId: string; subscriptionId: string },
  db: DbOrTx = getDb(),
) {
  return db
    .select({
      id: transactions.providerId,
      status: transactions.status,
      approved: transactions.approved,
      amount: transactions.amount,
      currency: transactions.currency,
      responseText: transactions.responseText,
      cardBrand: transactions.cardBrand,
      lastFour: transactions.lastFour,
      createdAt: transactions.providerCreatedAt,
    })
    .from(transactions)
    .where(
      and(
        eq(transactions.merchantId, params.merchantId),
        eq(transactions.subscriptionId, params.subscriptionId),
        eq(transactions.type, "sale"),
      ),
    )
    .orderBy(asc(transactions.providerCreatedAt), asc(transactions.providerId));
}
export type SubscriptionChargeRow = Awaited<ReturnType<typeof listSubscriptionCharges>>[number];

/** Approved charges per subscription of the merchant (how many cycles each has been billed). */
export function approvedChargeCounts(merchantId: string, db: DbOrTx = getDb()) {
  return db
    .select({ subscriptionId: transactions.subscriptionId, charged: sql<number>`count(*)::int`.as("charged") })
    .from(transactions)
    .where(
      and(
        eq(transactions.merchantId, merchantId),
        sql`${transactions.subscriptionId} is not null`,
        eq(transactions.type, "sale"),
        eq(transactions.approved, true),
      ),
    )
    .groupBy(transactions.subscriptionId)
    .as("charged");
}
