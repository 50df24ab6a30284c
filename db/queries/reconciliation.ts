import { and, count, desc, eq, gte, inArray, lte } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import {
  deposits,
  invoicePayments,
  memberships,
  reconExceptions,
  reconSettings,
  transactions,
  users,
  type ReconExceptionKind,
} from "@/db/schema";
import { type OffsetPaging, pageByOffset } from "./paginate";

export interface DepositFilter extends OffsetPaging {
  merchantId: string;
  /** Inclusive deposit days "YYYY-MM-DD". */
  from?: string;
  to?: string;
  status?: "reconciled" | "exception";
}

function depositWhere(f: DepositFilter) {
  return and(
    eq(deposits.merchantId, f.merchantId),
    f.from ? gte(deposits.depositDate, f.from) : undefined,
    f.to ? lte(deposits.depositDate, f.to) : undefined,
    f.status ? eq(deposits.status, f.status) : undefined,
  );
}

export async function listDeposits(f: DepositFilter, db: DbOrTx = getDb()) {
  return pageByOffset(
    f,
    db
      .select()
      .from(deposits)
      .where(depositWhere(f))
      .orderBy(desc(deposits.depositDate), desc(deposits.providerId))
      .$dynamic(),
    () => db.select({ n: count() }).from(deposits).where(depositWhere(f)),
  );
}

export async function getDeposit(
  { merchantId, depositId }: { merchantId: string; depositId: string },
  db: DbOrTx = getDb(),
) {
  const [d] = await db
    .select()
    .from(deposits)
    .where(and(eq(deposits.merchantId, merchantId), eq(deposits.providerId, depositId)));
  return d ?? null;
}

export interface LineTrace {
  invoiceId: string | null;
  subscriptionId: string | null;
  orderId: string | null;
  inCache: boolean;
}

/** For each transaction id: the invoice (the transaction's own link, or a portal invoice payment) and subscription. */
export async function traceTransactions(
  { merchantId, transactionIds }: { merchantId: string; transactionIds: string[] },
  db: DbOrTx = getDb(),
): Promise<Map<string, LineTrace>> {
  const out = new Map<string, LineTrace>();
  if (transactionIds.length === 0) return out;
  const txns = await db
    .select({
      id: transactions.providerId,
      invoiceId: transactions.invoiceId,
      subscriptionId: transactions.subscriptionId,
      orderId: transactions.orderId,
    })
    .from(transactions)
    .where(and(eq(transactions.merchantId, merchantId), inArray(transactions.providerId, transactionIds)));
  for (const t of txns)
    out.set(t.id, { invoiceId: t.invoiceId, subscriptionId: t.subscriptionId, orderId: t.orderId, inCache: true });
  const pays = await db
    .select({ tx: invoicePayments.transactionId, invoiceId: invoicePayments.invoiceId })
    .from(invoicePayments)
    .where(
      and(
        eq(invoicePayments.merchantId, merchantId),
        eq(invoicePayments.status, "approved"),
        inArray(invoicePayments.transactionId, transactionIds),
      ),
    );
  for (const p of pays) {
    if (!p.tx) continue;
    const t = out.get(p.tx) ?? { invoiceId: null, subscriptionId: null, orderId: null, inCache: false };
    out.set(p.tx, { ...t, invoiceId: t.invoiceId ?? p.invoiceId });
  }
  return out;
}

export interface ExceptionFilter extends OffsetPaging {
  merchantId: string;
  status?: "open" | "resolved" | "ignored";
  kind?: ReconExceptionKind;
}

function exceptionWhere(f: ExceptionFilter) {
  return and(
    eq(reconExceptions.merchantId, f.merchantId),
    f.status ? eq(reconExceptions.status, f.status) : undefined,
    f.kind ? eq(reconExceptions.kind, f.kind) : undefined,
  );
}

export async function listExceptions(f: ExceptionFilter, db: DbOrTx = getDb()) {
  const { rows, total } = await pageByOffset(
    f,
    db
      .select({ e: reconExceptions, ownerName: users.name })
      .from(reconExceptions)
      .leftJoin(users, eq(users.id, reconExceptions.ownerUserId))
      .where(exceptionWhere(f))
      .orderBy(desc(reconExceptions.createdAt), desc(reconExceptions.id))
      .$dynamic(),
    () => db.select({ n: count() }).from(reconExceptions).where(exceptionWhere(f)),
  );
  return { rows: rows.map((r) => ({ ...r.e, ownerName: r.ownerName })), total };
}

export async function exceptionsForDeposit(
  { merchantId, depositId }: { merchantId: string; depositId: string },
  db: DbOrTx = getDb(),
) {
  return db
    .select()
    .from(reconExceptions)
    .where(and(eq(reconExceptions.merchantId, merchantId), eq(reconExceptions.depositId, depositId)));
}

/** The team members an exception can be assigned to. */
export async function merchantTeam({ merchantId }: { merchantId: string }, db: DbOrTx = getDb()) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.merchantId, merchantId))
    .orderBy(users.name);
}

export async function getReconSettings({ merchantId }: { merchantId: string }, db: DbOrTx = getDb()) {
  const [r] = await db.select().from(reconSettings).where(eq(reconSettings.merchantId, merchantId));
  return r ?? null;
}
