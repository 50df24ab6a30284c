import { and, asc, desc, eq, gte, ilike, inArray, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type DbOrTx, getDb } from "@/db/client";
import { auditLog, customers, invoices, transactions, users } from "@/db/schema";
import type { TransactionCursor, TransactionFilters } from "@/lib/validations/transactions";

/**
 * Reads of the transactions cache. Every function is scoped by merchant; lists page by keyset on
 * (provider_created_at desc, provider_id desc), the order of the (merchant_id, provider_created_at desc,
 * provider_id desc) index, so page N costs the same as page 1.
 */

const listColumns = {
  id: transactions.providerId,
  family: transactions.family,
  type: transactions.type,
  status: transactions.status,
  approved: transactions.approved,
  amount: transactions.amount,
  authorizedAmount: transactions.authorizedAmount,
  capturedAmount: transactions.capturedAmount,
  settledAmount: transactions.settledAmount,
  refundedAmount: transactions.refundedAmount,
  currency: transactions.currency,
  methodKind: transactions.methodKind,
  cardBrand: transactions.cardBrand,
  maskedNumber: transactions.maskedNumber,
  lastFour: transactions.lastFour,
  responseText: transactions.responseText,
  orderId: transactions.orderId,
  customerId: transactions.customerId,
  batchId: transactions.batchId,
  referencedTransactionId: transactions.referencedTransactionId,
  createdAt: transactions.providerCreatedAt,
  settledAt: transactions.settledAt,
};

/** A transaction's vault customer and invoice, always of the same merchant. */
const ownCustomer = and(
  eq(customers.merchantId, transactions.merchantId),
  eq(customers.providerId, transactions.customerId),
);
const ownInvoice = and(
  eq(invoices.merchantId, transactions.merchantId),
  eq(invoices.providerId, transactions.invoiceId),
);

/**
 * Rows with the names people use: the vault customer's name, and for an invoice payment the invoice's number and
 * bill-to name (an invoice paid by someone who is not a vault customer has only those).
 */
function selectList(db: DbOrTx) {
  return db
    .select({
      ...listColumns,
      customerName: customers.name,
      invoiceId: transactions.invoiceId,
      invoiceNumber: invoices.number,
      billToName: invoices.customerName,
    })
    .from(transactions)
    .leftJoin(customers, ownCustomer)
    .leftJoin(invoices, ownInvoice);
}

export type TransactionListRow = Awaited<ReturnType<typeof selectList>>[number];

const detailColumns = {
  ...listColumns,
  taxAmount: transactions.taxAmount,
  shippingAmount: transactions.shippingAmount,
  tipAmount: transactions.tipAmount,
  surchargeAmount: transactions.surchargeAmount,
  entryType: transactions.entryType,
  signature: transactions.signature,
  avsCode: transactions.avsCode,
  cvvCode: transactions.cvvCode,
  responseCode: transactions.responseCode,
  authCode: transactions.authCode,
  poNumber: transactions.poNumber,
  description: transactions.description,
  subscriptionId: transactions.subscriptionId,
  invoiceId: transactions.invoiceId,
  source: transactions.source,
  channel: transactions.channel,
  updatedAt: transactions.providerUpdatedAt,
  syncedAt: transactions.syncedAt,
};

export type TransactionDetailRow = NonNullable<Awaited<ReturnType<typeof getTransaction>>>;

/** Start of a UTC calendar day, and the start of the day after (for inclusive "to"). */
function dayStart(date: string, plusDays = 0): Date {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d;
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The transactions table again, inside the search's subqueries (the outer query reads matches by primary key). */
const matched = alias(transactions, "matched");

/** Ids of this merchant's transactions that paid one of its invoices matching `invoiceCondition`. */
function paidInvoices(db: DbOrTx, merchantId: string, invoiceCondition: SQL) {
  return db
    .select({ id: matched.providerId })
    .from(invoices)
    .innerJoin(matched, and(eq(matched.merchantId, invoices.merchantId), eq(matched.invoiceId, invoices.providerId)))
    .where(and(eq(invoices.merchantId, merchantId), invoiceCondition));
}

export function transactionConditions(
  merchantId: string,
  filters: TransactionFilters & { customerId?: string },
  db: DbOrTx = getDb(),
): SQL[] {
  const where: SQL[] = [eq(transactions.merchantId, merchantId)];
  if (filters.status) where.push(eq(transactions.status, filters.status));
  if (filters.type) where.push(eq(transactions.type, filters.type));
  if (filters.method) where.push(eq(transactions.methodKind, filters.method));
  if (filters.from) where.push(gte(transactions.providerCreatedAt, dayStart(filters.from)));
  if (filters.to) where.push(lt(transactions.providerCreatedAt, dayStart(filters.to, 1)));
  if (filters.min !== undefined) where.push(gte(transactions.amount, filters.min));
  if (filters.max !== undefined) where.push(lte(transactions.amount, filters.max));
  if (filters.lastFour) where.push(eq(transactions.lastFour, filters.lastFour));
  if (filters.orderId) {
    // The order id, or the number of the invoice a payment paid (CardPointe invoice payments carry the gateway's own
    // order id, so "INV-1001" is only on the invoice). One `provider_id IN (… UNION ALL …)`: each branch reads an
    // index ((merchant_id, order_id); invoices by number, then (merchant_id, invoice_id)) and the outer query reads
    // the matches by primary key, where an `OR` of the two would filter the merchant's whole table.
    const byOrder = db
      .select({ id: matched.providerId })
      .from(matched)
      .where(and(eq(matched.merchantId, merchantId), eq(matched.orderId, filters.orderId)));
    where.push(
      inArray(
        transactions.providerId,
        byOrder.unionAll(paidInvoices(db, merchantId, eq(invoices.number, filters.orderId))),
      ),
    );
  }
  if (filters.customerId) where.push(eq(transactions.customerId, filters.customerId));
  if (filters.customer) {
    // A customer id, or a name / email / company of a cached customer of this merchant. One `IN (subquery)` (not
    // `id = x OR id IN (…)`) so PostgreSQL can turn it into a semi-join on the (merchant_id, customer_id) index.
    const pattern = `%${likeEscape(filters.customer)}%`;
    const matching = db
      .select({ id: customers.providerId })
      .from(customers)
      .where(
        and(
          eq(customers.merchantId, merchantId),
          or(ilike(customers.name, pattern), ilike(customers.email, pattern), ilike(customers.company, pattern)),
        ),
      )
      .unionAll(db.select({ id: sql<string>`${filters.customer}::text` }).from(sql`(values (1)) as literal`));
    // …or the bill-to name / email of the invoice a payment paid (a payer who is not a vault customer has only
    // those). Same `provider_id IN (… UNION ALL …)` shape as the order id.
    const byCustomer = db
      .select({ id: matched.providerId })
      .from(matched)
      .where(and(eq(matched.merchantId, merchantId), inArray(matched.customerId, matching)));
    const byBillTo = paidInvoices(
      db,
      merchantId,
      or(ilike(invoices.customerName, pattern), ilike(invoices.customerEmail, pattern)) as SQL,
    );
    where.push(inArray(transactions.providerId, byCustomer.unionAll(byBillTo)));
  }
  return where;
}

// Row-value comparisons match the index order (both columns descending).
function afterCursor(cursor: TransactionCursor): SQL {
  return sql`(${transactions.providerCreatedAt}, ${transactions.providerId}) < (${cursor.createdAt}, ${cursor.id})`;
}

function beforeCursor(cursor: TransactionCursor): SQL {
  return sql`(${transactions.providerCreatedAt}, ${transactions.providerId}) > (${cursor.createdAt}, ${cursor.id})`;
}

export interface ListTransactionsParams {
  merchantId: string;
  filters?: TransactionFilters;
  /** Only this vault customer's transactions (the customer page). */
  customerId?: string;
  /** Rows strictly older than this cursor (the next page). */
  cursor?: TransactionCursor | null;
  /** Rows strictly newer than this cursor (the previous page); ignored when `cursor` is set. */
  before?: TransactionCursor | null;
  /** 1–500, default 25. */
  limit?: number;
}

export interface TransactionListPage {
  items: TransactionListRow[];
  /** Cursor of the next (older) page, or null on the last page. */
  nextCursor: TransactionCursor | null;
  /** Cursor of the previous (newer) page, or null on the first page. */
  prevCursor: TransactionCursor | null;
}

const cursorOf = (r: TransactionListRow | undefined): TransactionCursor | null =>
  r ? { createdAt: r.createdAt, id: r.id } : null;

/** Newest first, keyset-paginated in both directions. */
export async function listTransactions(
  params: ListTransactionsParams,
  db: DbOrTx = getDb(),
): Promise<TransactionListPage> {
  const limit = Math.min(Math.max(params.limit ?? 25, 1), 500);
  const where = transactionConditions(
    params.merchantId,
    {
      ...(params.filters ?? {}),
      customerId: params.customerId,
    },
    db,
  );
  if (!params.cursor && params.before) {
    where.push(beforeCursor(params.before));
    const rows = await selectList(db)
      .where(and(...where))
      .orderBy(asc(transactions.providerCreatedAt), asc(transactions.providerId))
      .limit(limit + 1);
    const items = rows.slice(0, limit).reverse();
    return {
      items,
      // We came from an older page, so one exists.
      nextCursor: cursorOf(items[items.length - 1]),
      prevCursor: rows.length > limit ? cursorOf(items[0]) : null,
    };
  }
  if (params.cursor) where.push(afterCursor(params.cursor));
  const rows = await selectList(db)
    .where(and(...where))
    .orderBy(desc(transactions.providerCreatedAt), desc(transactions.providerId))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return {
    items,
    nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]) : null,
    prevCursor: params.cursor ? cursorOf(items[0]) : null,
  };
}

/** Every matching row, chunk by chunk (for the streamed CSV export): never the whole set in memory. */
export async function* iterateTransactions(
  params: Omit<ListTransactionsParams, "cursor" | "limit">,
  chunkSize = 500,
  db: DbOrTx = getDb(),
): AsyncGenerator<TransactionListRow[]> {
  let cursor: TransactionCursor | null = null;
  for (;;) {
    const page: TransactionListPage = await listTransactions({ ...params, cursor, limit: chunkSize }, db);
    if (page.items.length) yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

export async function getTransaction(params: { merchantId: string; transactionId: string }, db: DbOrTx = getDb()) {
  const [row] = await db
    .select({
      ...detailColumns,
      customerName: customers.name,
      invoiceNumber: invoices.number,
      billToName: invoices.customerName,
    })
    .from(transactions)
    .leftJoin(customers, ownCustomer)
    .leftJoin(invoices, ownInvoice)
    .where(and(eq(transactions.merchantId, params.merchantId), eq(transactions.providerId, params.transactionId)))
    .limit(1);
  return row ?? null;
}

/** Refunds (and other follow-ups) that reference a transaction, oldest first. */
export async function listReferencingTransactions(
  params: { merchantId: string; transactionId: string },
  db: DbOrTx = getDb(),
): Promise<TransactionListRow[]> {
  return selectList(db)
    .where(
      and(
        eq(transactions.merchantId, params.merchantId),
        eq(transactions.referencedTransactionId, params.transactionId),
      ),
    )
    .orderBy(asc(transactions.providerCreatedAt), asc(transactions.providerId))
    .limit(200);
}

/** Audit rows about a transaction (capture, void, refund, terminal runs), oldest first. */
export async function listTransactionAudit(
  params: { merchantId: string; transactionIds: string[] },
  db: DbOrTx = getDb(),
) {
  if (params.transactionIds.length === 0) return [];
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorUserId: auditLog.actorUserId,
      actorLabel: auditLog.actorLabel,
      actorEmail: users.email,
      targetId: auditLog.targetId,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        eq(auditLog.merchantId, params.merchantId),
        eq(auditLog.targetType, "transaction"),
        inArray(auditLog.targetId, params.transactionIds),
      ),
    )
    .orderBy(asc(auditLog.at), asc(auditLog.id))
    .limit(200);
}
