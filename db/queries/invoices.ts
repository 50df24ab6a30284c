import { and, asc, count, desc, eq, gte, ilike, inArray, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import {
  customerAddresses,
  customers,
  invoiceNumberCounters,
  invoicePayments,
  invoiceSettings,
  invoices,
  merchants,
  transactions,
} from "@/db/schema";
import { parseMoney } from "@/lib/money";
import type { InvoiceSort, InvoiceTab } from "@/lib/validations/invoices";
import { paginate } from "./paginate";
import { addressPostalColumns } from "./address-columns";

/** The portal's state of an invoice, in SQL (same rule as invoiceState in lib/services/invoices/rules.ts). */
export const invoiceStateSql = sql<string>`case
  when ${invoices.voidedAt} is not null then 'void'
  when ${invoices.status} in ('paid', 'authorized', 'paying_via_mail') then 'paid'
  when ${invoices.status} = 'partially_paid' or ${invoices.amountPaid} > 0 then 'partially_paid'
  when ${invoices.status} in ('declined', 'failed', 'rejected') then 'declined'
  when ${invoices.sentAt} is not null then 'open'
  else 'draft' end`;

const listColumns = {
  id: invoices.providerId,
  source: invoices.source,
  number: invoices.number,
  status: invoices.status,
  currency: invoices.currency,
  customerId: invoices.customerId,
  customerName: invoices.customerName,
  customerEmail: invoices.customerEmail,
  total: invoices.total,
  amountPaid: invoices.amountPaid,
  amountDue: invoices.amountDue,
  dueAt: invoices.dueAt,
  sentAt: invoices.sentAt,
  voidedAt: invoices.voidedAt,
  createdAt: invoices.providerCreatedAt,
};

export interface InvoiceSearch {
  merchantId: string;
  tab?: InvoiceTab;
  q?: string;
  /** "YYYY-MM-DD", inclusive */
  dueFrom?: string;
  dueTo?: string;
  page?: number;
  pageSize?: number;
  sort?: InvoiceSort;
  dir?: "asc" | "desc";
  now?: Date;
}

const SORT_COLUMNS = {
  created: invoices.providerCreatedAt,
  due: invoices.dueAt,
  total: invoices.total,
  amountDue: invoices.amountDue,
} as const;

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function tabCondition(tab: InvoiceTab, now: Date): SQL | undefined {
  switch (tab) {
    case "all":
      return undefined;
    case "void":
      return sql`${invoiceStateSql} in ('void', 'declined')`;
    case "overdue":
      return and(sql`${invoiceStateSql} in ('open', 'partially_paid', 'declined')`, lt(invoices.dueAt, now));
    default:
      return sql`${invoiceStateSql} = ${tab}`;
  }
}

export function invoiceConditions(p: Omit<InvoiceSearch, "page" | "pageSize">): SQL[] {
  const now = p.now ?? new Date();
  const where: SQL[] = [eq(invoices.merchantId, p.merchantId)];
  const tab = tabCondition(p.tab ?? "all", now);
  if (tab) where.push(tab);
  const q = p.q?.trim();
  if (q) {
    const pattern = `%${likeEscape(q)}%`;
    const parts: SQL[] = [
      ilike(invoices.number, pattern),
      ilike(invoices.customerName, pattern),
      ilike(invoices.customerEmail, pattern),
      eq(invoices.providerId, q),
    ];
    const money = /^[$\d.,\s]+$/.test(q) ? parseMoney(q) : null;
    if (money?.ok) parts.push(eq(invoices.total, money.cents), eq(invoices.amountDue, money.cents));
    where.push(or(...parts) as SQL);
  }
  if (p.dueFrom) where.push(gte(invoices.dueAt, new Date(`${p.dueFrom}T00:00:00Z`)));
  if (p.dueTo) where.push(lte(invoices.dueAt, new Date(`${p.dueTo}T23:59:59.999Z`)));
  return where;
}

export type InvoiceListRow = Awaited<ReturnType<typeof listInvoices>>["items"][number];

/** Newest first unless sorted by another column, offset-paginated with the total. */
export async function listInvoices(params: InvoiceSearch, db: DbOrTx = getDb()) {
  const where = and(...invoiceConditions(params));
  return paginate(
    params,
    db
      .select({ ...listColumns, state: invoiceStateSql })
      .from(invoices)
      .where(where)
      .orderBy(
        (params.dir === "asc" ? asc : desc)(SORT_COLUMNS[params.sort ?? "created"]),
        desc(invoices.providerCreatedAt),
        desc(invoices.providerId),
      )
      .$dynamic(),
    db.select({ n: count() }).from(invoices).where(where),
  );
}

/** The whole filtered set for CSV export (bounded). */
export async function exportInvoices(
  params: Omit<InvoiceSearch, "page" | "pageSize">,
  limit = 50_000,
  db: DbOrTx = getDb(),
) {
  return db
    .select({ ...listColumns, state: invoiceStateSql, tax: invoices.tax, shipping: invoices.shipping })
    .from(invoices)
    .where(and(...invoiceConditions(params)))
    .orderBy(desc(invoices.providerCreatedAt), desc(invoices.providerId))
    .limit(limit);
}

/** Counts per state for the tabs (one pass). */
export async function invoiceTabCounts(params: { merchantId: string; now?: Date }, db: DbOrTx = getDb()) {
  const now = params.now ?? new Date();
  const [row] = await db
    .select({
      all: count(),
      draft: sql<number>`count(*) filter (where ${invoiceStateSql} = 'draft')`.mapWith(Number),
      open: sql<number>`count(*) filter (where ${invoiceStateSql} = 'open')`.mapWith(Number),
      partially_paid: sql<number>`count(*) filter (where ${invoiceStateSql} = 'partially_paid')`.mapWith(Number),
      paid: sql<number>`count(*) filter (where ${invoiceStateSql} = 'paid')`.mapWith(Number),
      void: sql<number>`count(*) filter (where ${invoiceStateSql} in ('void', 'declined'))`.mapWith(Number),
      overdue: sql<number>`count(*) filter (where ${invoiceStateSql} in ('open', 'partially_paid', 'declined')
        and ${invoices.dueAt} < ${now})`.mapWith(Number),
    })
    .from(invoices)
    .where(eq(invoices.merchantId, params.merchantId));
  return row ?? { all: 0, draft: 0, open: 0, partially_paid: 0, paid: 0, void: 0, overdue: 0 };
}

/** One invoice with everything the detail, edit and pay pages show. */
export async function getInvoiceRow(params: { merchantId: string; invoiceId: string }, db: DbOrTx = getDb()) {
  const [row] = await db
    .select({
      ...listColumns,
      state: invoiceStateSql,
      subtotal: invoices.subtotal,
      tax: invoices.tax,
      shipping: invoices.shipping,
      adjustment: invoices.adjustment,
      allowPartialPayment: invoices.allowPartialPayment,
      paymentMethods: invoices.paymentMethods,
      transactionType: invoices.transactionType,
      sendVia: invoices.sendVia,
      customerPhone: invoices.customerPhone,
      paidOutsideMethod: invoices.paidOutsideMethod,
      paidOutsideNote: invoices.paidOutsideNote,
      document: invoices.document,
      form: invoices.form,
      updatedAt: invoices.providerUpdatedAt,
      merchantId: invoices.merchantId,
      merchantName: merchants.name,
    })
    .from(invoices)
    .innerJoin(merchants, eq(merchants.id, invoices.merchantId))
    .where(and(eq(invoices.merchantId, params.merchantId), eq(invoices.providerId, params.invoiceId)))
    .limit(1);
  return row ?? null;
}
export type InvoiceRow = NonNullable<Awaited<ReturnType<typeof getInvoiceRow>>>;

/**
 * A transaction of this invoice: the gateway tags its invoice payments with the invoice id; a local invoice's
 * payments are named by its ledger (invoice_payments), which a later cache refresh of the transaction can't untag.
 */
function paymentOf(merchantId: string, invoiceId: string): SQL {
  return or(
    eq(transactions.invoiceId, invoiceId),
    inArray(transactions.providerId, ledgerTransactionIds(merchantId, invoiceId)),
  ) as SQL;
}
function ledgerTransactionIds(merchantId: string, invoiceId: string) {
  return sql`(select ${invoicePayments.transactionId} from ${invoicePayments}
    where ${invoicePayments.merchantId} = ${merchantId} and ${invoicePayments.invoiceId} = ${invoiceId}
      and ${invoicePayments.transactionId} is not null)`;
}

/** A cached transaction as an invoice payment: what the invoice page and the receipt show of it. */
const paymentColumns = {
  id: transactions.providerId,
  type: transactions.type,
  status: transactions.status,
  approved: transactions.approved,
  amount: transactions.amount,
  currency: transactions.currency,
  methodKind: transactions.methodKind,
  cardBrand: transactions.cardBrand,
  lastFour: transactions.lastFour,
  authCode: transactions.authCode,
  createdAt: transactions.providerCreatedAt,
};

/** The surcharge of a payment: as recorded with the invoice payment, else as the gateway reported it. */
const paymentSurcharge = () =>
  sql<number>`coalesce(${invoicePayments.surcharge}, ${transactions.surchargeAmount})`.mapWith(Number);

/** Each transaction joins the invoice-payment row it may have (same merchant, same provider transaction). */
const invoicePaymentOf = and(
  eq(invoicePayments.merchantId, transactions.merchantId),
  eq(invoicePayments.transactionId, transactions.providerId),
);

/** The invoice's payments from the transactions cache, oldest first, with their batch and surcharge when known. */
export async function listInvoicePayments(params: { merchantId: string; invoiceId: string }, db: DbOrTx = getDb()) {
  return db
    .select({
      ...paymentColumns,
      surcharge: paymentSurcharge(),
      batchId: transactions.batchId,
      settledAt: transactions.settledAt,
    })
    .from(transactions)
    .leftJoin(invoicePayments, invoicePaymentOf)
    .where(and(eq(transactions.merchantId, params.merchantId), paymentOf(params.merchantId, params.invoiceId)))
    .orderBy(asc(transactions.providerCreatedAt));
}

/** One payment of an invoice (for the customer's receipt), with the invoice portion and surcharge. */
export async function getInvoicePayment(
  params: { merchantId: string; invoiceId: string; transactionId: string },
  db: DbOrTx = getDb(),
) {
  const [row] = await db
    .select({ ...paymentColumns, surchargeAmount: paymentSurcharge(), surchargeRate: invoicePayments.surchargeRate })
    .from(transactions)
    .leftJoin(invoicePayments, invoicePaymentOf)
    .where(
      and(
        eq(transactions.merchantId, params.merchantId),
        eq(transactions.providerId, params.transactionId),
        paymentOf(params.merchantId, params.invoiceId),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Vault customers with their default billing address, to fill an invoice's bill-to. */
export async function listBillableCustomers(params: { merchantId: string; limit?: number }, db: DbOrTx = getDb()) {
  return db
    .select({
      id: customers.providerId,
      name: customers.name,
      email: customers.email,
      company: customers.company,
      phone: customers.phone,
      firstName: customerAddresses.firstName,
      lastName: customerAddresses.lastName,
      ...addressPostalColumns,
      addressEmail: customerAddresses.email,
      addressPhone: customerAddresses.phone,
    })
    .from(customers)
    .leftJoin(
      customerAddresses,
      and(
        eq(customerAddresses.merchantId, customers.merchantId),
        eq(customerAddresses.customerId, customers.providerId),
        eq(customerAddresses.isDefaultBilling, true),
      ),
    )
    .where(and(eq(customers.merchantId, params.merchantId), sql`${customers.deletedAt} is null`))
    .orderBy(asc(customers.name))
    .limit(params.limit ?? 500);
}

/** The business address of the merchant's latest invoice, to prefill the next one. */
export async function lastPayableTo(params: { merchantId: string }, db: DbOrTx = getDb()) {
  const [row] = await db
    .select({ payableTo: sql<Record<string, string | null> | null>`${invoices.document} -> 'payableTo'` })
    .from(invoices)
    .where(eq(invoices.merchantId, params.merchantId))
    .orderBy(desc(invoices.providerCreatedAt))
    .limit(1);
  return row?.payableTo ?? null;
}

/** The next default invoice number of a merchant ("INV1001", …; seed 003 L90: an invoice number becomes its transactions' order id, up to 15 letters and digits); cosmetic, so a rare duplicate is harmless. */
export async function nextInvoiceNumber(params: { merchantId: string }, db: DbOrTx = getDb()): Promise<string> {
  const [row] = await db.select({ n: count() }).from(invoices).where(eq(invoices.merchantId, params.merchantId));
  return `INV${1001 + (row?.n ?? 0)}`;
}

/**
 * The next number of a portal-kept (local) invoice: one atomic increment of the merchant's counter (the first one
 * starts after the invoices the merchant already has), skipping numbers typed by hand. Race-free: concurrent
 * creations each get their own number; the unique index on (merchant, number) of local invoices backs it up.
 */
export async function takeLocalInvoiceNumber(params: { merchantId: string }, db: DbOrTx = getDb()): Promise<string> {
  for (let i = 0; i < 1000; i++) {
    const res = await db.execute<{ n: string }>(sql`
      insert into ${invoiceNumberCounters} (merchant_id, last_number)
      values (${params.merchantId}, 1001 + (select count(*) from ${invoices} where merchant_id = ${params.merchantId}))
      on conflict (merchant_id) do update set last_number = ${invoiceNumberCounters.lastNumber} + 1, updated_at = now()
      returning last_number as n`);
    const number = `INV${res.rows[0]?.n}`;
    const [taken] = await db
      .select({ id: invoices.providerId })
      .from(invoices)
      .where(and(eq(invoices.merchantId, params.merchantId), eq(invoices.number, number)))
      .limit(1);
    if (!taken) return number;
  }
  throw new Error("no free invoice number");
}

/** A merchant's invoice settings (defaults when never saved). */
export async function getInvoiceSettings(params: { merchantId: string }, db: DbOrTx = getDb()) {
  const [row] = await db
    .select({ cardSurchargeRate: invoiceSettings.cardSurchargeRate, updatedAt: invoiceSettings.updatedAt })
    .from(invoiceSettings)
    .where(eq(invoiceSettings.merchantId, params.merchantId))
    .limit(1);
  return row ?? { cardSurchargeRate: 0, updatedAt: null };
}

export async function saveInvoiceSettings(
  params: { merchantId: string; cardSurchargeRate: number; userId: string },
  db: DbOrTx = getDb(),
) {
  await db
    .insert(invoiceSettings)
    .values({ merchantId: params.merchantId, cardSurchargeRate: params.cardSurchargeRate, updatedBy: params.userId })
    .onConflictDoUpdate({
      target: invoiceSettings.merchantId,
      set: { cardSurchargeRate: params.cardSurchargeRate, updatedBy: params.userId, updatedAt: sql`now()` },
    });
}

/** Ledger rows of a local invoice, newest first (detail page, tests). */
export async function listLocalPayments(params: { merchantId: string; invoiceId: string }, db: DbOrTx = getDb()) {
  return db
    .select({
      key: invoicePayments.idempotencyKey,
      attemptId: invoicePayments.attemptId,
      method: invoicePayments.method,
      status: invoicePayments.status,
      amount: invoicePayments.amount,
      surcharge: invoicePayments.surcharge,
      surchargeRate: invoicePayments.surchargeRate,
      transactionId: invoicePayments.transactionId,
      responseText: invoicePayments.responseText,
      createdAt: invoicePayments.createdAt,
    })
    .from(invoicePayments)
    .where(and(eq(invoicePayments.merchantId, params.merchantId), eq(invoicePayments.invoiceId, params.invoiceId)))
    .orderBy(desc(invoicePayments.createdAt));
}
