import { and, asc, count, desc, eq, exists, gt, ilike, isNull, or, type SQL, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { customerAddresses, customerPaymentMethods, customers, invoices, subscriptions } from "@/db/schema";
import { invoiceStateSql } from "./invoices";
import { addressPostalColumns } from "./address-columns";
import { paginate } from "./paginate";

/**
 * Reads of the vault cache (the gateway is the source of truth; write-through keeps this current).
 * Every function is scoped by merchant and names its columns.
 */

export const CUSTOMER_METHOD_FILTERS = ["any", "card", "ach", "none"] as const;
export type CustomerMethodFilter = (typeof CUSTOMER_METHOD_FILTERS)[number];

export interface CustomerSearch {
  merchantId: string;
  /** Name, email, company, phone, customer id, or the last four of a stored card/account. */
  q?: string;
  /** Which stored payment methods the customer has. */
  method?: CustomerMethodFilter;
  /** 1-based. */
  page?: number;
  /** 1–100, default 25. */
  pageSize?: number;
}

const listColumns = {
  id: customers.providerId,
  name: customers.name,
  email: customers.email,
  company: customers.company,
  phone: customers.phone,
  description: customers.description,
  defaultMethodKind: customers.defaultMethodKind,
  defaultCardBrand: customers.defaultCardBrand,
  defaultLastFour: customers.defaultLastFour,
  defaultMasked: customers.defaultMasked,
  paymentMethodCount: customers.paymentMethodCount,
  createdAt: customers.providerCreatedAt,
  updatedAt: customers.providerUpdatedAt,
};

export type CustomerListRow = Awaited<ReturnType<typeof listCustomers>>["items"][number];

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function methodOf(merchantId: string, kind?: "card" | "ach"): SQL {
  return sql`(select 1 from ${customerPaymentMethods} where ${and(
    eq(customerPaymentMethods.merchantId, merchantId),
    eq(customerPaymentMethods.customerId, customers.providerId),
    kind ? eq(customerPaymentMethods.kind, kind) : undefined,
  )})`;
}

export function customerConditions(params: Omit<CustomerSearch, "page" | "pageSize">): SQL[] {
  const { merchantId } = params;
  const where: SQL[] = [eq(customers.merchantId, merchantId), isNull(customers.deletedAt)];
  const q = params.q?.trim();
  if (q) {
    const pattern = `%${likeEscape(q)}%`;
    const byText = or(
      ilike(customers.name, pattern),
      ilike(customers.email, pattern),
      ilike(customers.company, pattern),
      ilike(customers.description, pattern),
      eq(customers.providerId, q),
      // Any stored address's name, email or company.
      exists(
        sql`(select 1 from ${customerAddresses} where ${and(
          eq(customerAddresses.merchantId, merchantId),
          eq(customerAddresses.customerId, customers.providerId),
          or(
            ilike(
              sql`coalesce(${customerAddresses.firstName}, '') || ' ' || coalesce(${customerAddresses.lastName}, '')`,
              pattern,
            ),
            ilike(customerAddresses.email, pattern),
            ilike(customerAddresses.company, pattern),
          ),
        )})`,
      ),
    ) as SQL;
    if (/^\d{4}$/.test(q)) {
      const byLastFour = exists(
        sql`(select 1 from ${customerPaymentMethods} where ${and(
          eq(customerPaymentMethods.merchantId, merchantId),
          eq(customerPaymentMethods.customerId, customers.providerId),
          eq(customerPaymentMethods.lastFour, q),
        )})`,
      );
      where.push(or(byText, byLastFour) as SQL);
    } else where.push(byText);
  }
  if (params.method === "card") where.push(exists(methodOf(merchantId, "card")));
  else if (params.method === "ach") where.push(exists(methodOf(merchantId, "ach")));
  else if (params.method === "none") where.push(eq(customers.paymentMethodCount, 0));
  return where;
}

/** Newest first, offset-paginated with the total (vault lists are small next to transactions). */
export async function listCustomers(params: CustomerSearch, db: DbOrTx = getDb()) {
  const where = and(...customerConditions(params));
  return paginate(
    params,
    db
      .select(listColumns)
      .from(customers)
      .where(where)
      .orderBy(desc(customers.providerCreatedAt), desc(customers.providerId))
      .$dynamic(),
    db.select({ n: count() }).from(customers).where(where),
  );
}

/** One cached customer with its addresses and masked payment methods, or null (unknown or deleted). */
export async function getCustomer(params: { merchantId: string; customerId: string }, db: DbOrTx = getDb()) {
  const [row] = await db
    .select({ ...listColumns, deletedAt: customers.deletedAt })
    .from(customers)
    .where(and(eq(customers.merchantId, params.merchantId), eq(customers.providerId, params.customerId)))
    .limit(1);
  if (!row || row.deletedAt) return null;
  const scope = <T extends typeof customerAddresses | typeof customerPaymentMethods>(t: T) =>
    and(eq(t.merchantId, params.merchantId), eq(t.customerId, params.customerId));
  const [addresses, paymentMethods] = await Promise.all([
    db
      .select({
        id: customerAddresses.addressId,
        firstName: customerAddresses.firstName,
        lastName: customerAddresses.lastName,
        company: customerAddresses.company,
        ...addressPostalColumns,
        email: customerAddresses.email,
        phone: customerAddresses.phone,
        isDefaultBilling: customerAddresses.isDefaultBilling,
        isDefaultShipping: customerAddresses.isDefaultShipping,
      })
      .from(customerAddresses)
      .where(scope(customerAddresses))
      .orderBy(asc(customerAddresses.position)),
    db
      .select({
        id: customerPaymentMethods.paymentMethodId,
        kind: customerPaymentMethods.kind,
        cardBrand: customerPaymentMethods.cardBrand,
        masked: customerPaymentMethods.masked,
        lastFour: customerPaymentMethods.lastFour,
        expiration: customerPaymentMethods.expiration,
        accountType: customerPaymentMethods.accountType,
        isDefault: customerPaymentMethods.isDefault,
      })
      .from(customerPaymentMethods)
      .where(scope(customerPaymentMethods))
      .orderBy(asc(customerPaymentMethods.position)),
  ]);
  const { deletedAt: _d, ...customer } = row;
  return { ...customer, addresses, paymentMethods };
}

export type CustomerDetail = NonNullable<Awaited<ReturnType<typeof getCustomer>>>;
export type CachedAddress = CustomerDetail["addresses"][number];
export type CachedPaymentMethod = CustomerDetail["paymentMethods"][number];

/** Customers with at least one stored payment method, for the virtual terminal's picker. */
export async function listChargeableCustomers(
  params: { merchantId: string; q?: string; limit?: number },
  db: DbOrTx = getDb(),
) {
  const where = [
    ...customerConditions({ merchantId: params.merchantId, q: params.q }),
    gt(customers.paymentMethodCount, 0),
  ];
  return db
    .select({ id: customers.providerId, name: customers.name, email: customers.email, company: customers.company })
    .from(customers)
    .where(and(...where))
    .orderBy(asc(sql`lower(coalesce(${customers.name}, ${customers.providerId}))`))
    .limit(Math.min(Math.max(params.limit ?? 20, 1), 100));
}

/** The customer's invoices from the invoices cache, newest first (the customer page). */
export async function listCustomerInvoices(
  params: { merchantId: string; customerId: string; limit?: number },
  db: DbOrTx = getDb(),
) {
  return db
    .select({
      id: invoices.providerId,
      number: invoices.number,
      state: invoiceStateSql,
      currency: invoices.currency,
      total: invoices.total,
      amountDue: invoices.amountDue,
      dueAt: invoices.dueAt,
    })
    .from(invoices)
    .where(and(eq(invoices.merchantId, params.merchantId), eq(invoices.customerId, params.customerId)))
    .orderBy(desc(invoices.providerCreatedAt), desc(invoices.providerId))
    .limit(Math.min(Math.max(params.limit ?? 10, 1), 100));
}

/** The customer's subscriptions from the subscriptions cache (the customer page). */
export async function listCustomerSubscriptions(
  params: { merchantId: string; customerId: string; limit?: number },
  db: DbOrTx = getDb(),
) {
  return db
    .select({
      id: subscriptions.providerId,
      status: subscriptions.status,
      planName: subscriptions.planName,
      description: subscriptions.description,
      amount: subscriptions.amount,
      currency: subscriptions.currency,
      nextBillDate: subscriptions.nextBillDate,
    })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.merchantId, params.merchantId),
        eq(subscriptions.customerId, params.customerId),
        isNull(subscriptions.deletedAt),
      ),
    )
    .orderBy(desc(subscriptions.providerCreatedAt), desc(subscriptions.providerId))
    .limit(Math.min(Math.max(params.limit ?? 10, 1), 100));
}
