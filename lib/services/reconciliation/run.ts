import { and, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  deposits,
  invoicePayments,
  invoices,
  merchants,
  reconSettings,
  settlementBatches,
  transactions,
  type DepositLineRecord,
} from "@/db/schema";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { isCardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import type { Deposit } from "@/lib/gateway/cardpointe/transform-settlement";
import type { GatewayAdapter } from "@/lib/gateway/types";
import { formatMoney, sumCents } from "@/lib/money";
import { upsertBatches } from "@/lib/sync/batches";
import { emitMerchantEvent } from "@/lib/sync/merchant-events";
import { RECONCILE_LOOKBACK_DAYS } from "@/lib/sync/reconcile";
import { upsertTransactions } from "@/lib/sync/transactions";
import { raiseException } from "./exceptions";
import { batchNet, depositLines, expectedDeposit, settledItemOf, type SettledItem } from "./expected";

const DAY = 86_400_000;
const WINDOW_DAYS = 60;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export interface ReconSettingsValues {
  fundingGraceDays: number;
  settleGraceDays: number;
  autoCloseAt: string | null;
}

export const DEFAULT_RECON_SETTINGS: ReconSettingsValues = {
  fundingGraceDays: 3,
  settleGraceDays: 2,
  autoCloseAt: null,
};

export async function reconSettingsFor(merchantId: string): Promise<ReconSettingsValues> {
  const [r] = await getDb().select().from(reconSettings).where(eq(reconSettings.merchantId, merchantId));
  return r
    ? { fundingGraceDays: r.fundingGraceDays, settleGraceDays: r.settleGraceDays, autoCloseAt: r.autoCloseAt }
    : DEFAULT_RECON_SETTINGS;
}

export interface ReconcileSummary {
  deposits: number;
  reconciled: number;
  exceptions: number;
}

/** CardPointe deposit → the figures the one module reconciles (batch nets from the settlestat cache). */
export function cardPointeFigures(d: Deposit, batchNets: Map<string, number>) {
  const batches = d.batchIds.map((id) => ({
    id,
    // A batch missing from the cache counts with what the deposit itself lists for it.
    net: batchNets.get(id) ?? sumCents(d.lines.filter((l) => l.batchId === id).map((l) => l.amount)),
  }));
  const fees = sumCents([d.interchangeFees, d.serviceCharges, d.otherFees]);
  const adjustments = sumCents([d.adjustmentsTotal, d.reversals]);
  return { batches, fees, adjustments, chargebacks: d.chargebacksTotal };
}

interface DepositRow {
  providerId: string;
  depositDate: string;
  currency: string;
  batchIds: string[];
  batchesNet: number;
  fees: number;
  adjustments: number;
  chargebacks: number;
  expected: number;
  funded: number;
  lines: DepositLineRecord[];
  bankAccount: string | null;
}

async function storeDeposit(merchantId: string, family: "fluidpay" | "cardpointe", d: DepositRow): Promise<boolean> {
  const status = d.expected === d.funded ? "reconciled" : "exception";
  // The deposit, its outbound events and its exception are recorded together: a rolled-back run announces nothing.
  await getDb().transaction(async (tx) => {
    const [before] = await tx
      .select({ status: deposits.status })
      .from(deposits)
      .where(and(eq(deposits.merchantId, merchantId), eq(deposits.providerId, d.providerId)))
      .for("update");
    await tx
      .insert(deposits)
      .values({ merchantId, family, ...d, status, reconciledAt: new Date() })
      .onConflictDoUpdate({
        target: [deposits.merchantId, deposits.providerId],
        set: { ...d, status, reconciledAt: new Date() },
      });
    const event = {
      id: d.providerId,
      date: d.depositDate,
      currency: d.currency,
      batchIds: d.batchIds,
      expected: d.expected,
      funded: d.funded,
      fees: d.fees,
      chargebacks: d.chargebacks,
      status,
    };
    if (!before) await emitMerchantEvent(merchantId, "deposit.created", event, tx);
    if (status === "reconciled" && before?.status !== "reconciled")
      await emitMerchantEvent(merchantId, "deposit.reconciled", event, tx);
    if (status === "exception") {
      const diff = d.funded - d.expected;
      await raiseException(
        {
          merchantId,
          kind: "funding_mismatch",
          subjectId: d.providerId,
          reason: `Deposit of ${d.depositDate} is ${formatMoney(Math.abs(diff))} ${diff < 0 ? "short of" : "over"} what its batches, fees and adjustments add up to (expected ${formatMoney(d.expected)}, funded ${formatMoney(d.funded)}).`,
          expected: d.expected,
          actual: d.funded,
          depositId: d.providerId,
          batchId: d.batchIds[0] ?? null,
        },
        tx,
      );
    }
  });
  return status === "reconciled";
}

async function reconcileCardPointe(merchantId: string, gateway: GatewayAdapter, now: Date, graceDays: number) {
  if (!isCardPointeAdapter(gateway)) return { deposits: 0, reconciled: 0 };
  const db = getDb();
  const since = new Date(now.getTime() - WINDOW_DAYS * DAY);
  const batches = await db
    .select()
    .from(settlementBatches)
    .where(and(eq(settlementBatches.merchantId, merchantId), gte(settlementBatches.batchDate, since)));
  const known = await db
    .select({ id: deposits.providerId, batchIds: deposits.batchIds })
    .from(deposits)
    .where(and(eq(deposits.merchantId, merchantId), gte(deposits.depositDate, isoDay(since))));
  const funded = new Set(known.flatMap((k) => k.batchIds));
  const stored = new Set(known.map((k) => k.id));
  // Deposits of batches not yet matched: the close day to the end of the grace period (never past tomorrow).
  const days = new Set<string>();
  for (const b of batches) {
    if (funded.has(b.providerId) || b.status !== "settled" || b.netDeposit === 0) continue;
    for (let i = 0; i <= graceDays + 1; i++) {
      const t = b.batchDate.getTime() + i * DAY;
      if (t <= now.getTime() + DAY) days.add(isoDay(new Date(t)));
    }
  }
  // And the days around now: a batch closed on the gateway's clock may not be in the cache yet (its deposit brings
  // it in, by batch id). 11 funding reads; UAT allows 20 a minute.
  for (let i = -3; i <= 7; i++) days.add(isoDay(new Date(now.getTime() + i * DAY)));
  const nets = new Map(batches.map((b) => [b.providerId, b.netDeposit]));
  let count = 0;
  let ok = 0;
  for (const day of [...days].sort()) {
    for (const d of await gateway.funding({ date: day })) {
      // A funding record does not change once reported: one already reconciled is not counted again.
      if (stored.has(d.id)) continue;
      stored.add(d.id);
      for (const id of d.batchIds.filter((b) => !nets.has(b))) {
        const page = await gateway.settlement.searchBatches({ batchId: id });
        await upsertBatches(merchantId, page.items);
        for (const b of page.items) nets.set(b.id, b.netDeposit);
      }
      const f = cardPointeFigures(d, nets);
      const expected = expectedDeposit(f);
      const lines = depositLines({
        items: d.lines
          .filter((l) => l.type !== "other")
          .map((l) => ({
            transactionId: l.transactionId,
            batchId: l.batchId,
            kind: l.type === "refund" ? "refund" : "sale",
            amount: Math.abs(l.amount),
          })),
        chargebacks: d.chargebacks.map((c) => ({
          transactionId: c.transactionId,
          amount: c.amount,
          label: `Chargeback${c.reasonCode ? ` ${c.reasonCode}` : ""}${c.reason ? ` · ${c.reason}` : ""}`,
        })),
        fees: [
          { amount: d.interchangeFees, label: "Interchange fees" },
          { amount: d.serviceCharges, label: "Service charges" },
          { amount: d.otherFees, label: "Other fees" },
        ],
        adjustments: [
          ...d.adjustments.map((a) => ({ amount: a.amount, label: a.description ?? a.type ?? "Adjustment" })),
          ...(d.reversals ? [{ amount: d.reversals, label: "Reversals" }] : []),
        ],
      });
      for (const b of d.batchIds) funded.add(b);
      count += 1;
      if (
        await storeDeposit(merchantId, "cardpointe", {
          providerId: d.id,
          depositDate: d.fundingDate ?? day,
          currency: d.currency,
          batchIds: d.batchIds,
          batchesNet: sumCents(f.batches.map((b) => b.net)),
          fees: f.fees,
          adjustments: f.adjustments,
          chargebacks: f.chargebacks,
          expected,
          funded: d.totalFunding,
          lines,
          bankAccount: d.bankAccount,
        })
      )
        ok += 1;
    }
  }
  // Settled but never funded after the grace period.
  for (const b of batches) {
    if (funded.has(b.providerId) || b.status !== "settled" || b.netDeposit === 0) continue;
    if (b.batchDate.getTime() + graceDays * DAY > now.getTime()) continue;
    await raiseException({
      merchantId,
      kind: "unfunded_batch",
      subjectId: b.providerId,
      reason: `Batch ${b.batchNumber ?? b.providerId} settled on ${isoDay(b.batchDate)} for ${formatMoney(b.netDeposit)} and no deposit has paid it after ${graceDays} days.`,
      expected: b.netDeposit,
      actual: 0,
      batchId: b.providerId,
    });
  }
  return { deposits: count, reconciled: ok };
}

/**
 * A batch whose transactions are not all in the cache (the reconcile sync reads up to the portal's now; the gateway's
 * batch may be stamped later, e.g. a sandbox clock ahead): read the batch's own window from the gateway and cache it.
 */
async function fillBatchTransactions(merchantId: string, gateway: GatewayAdapter, batchDate: Date) {
  const from = new Date(batchDate.getTime() - RECONCILE_LOOKBACK_DAYS * DAY).toISOString();
  const to = new Date(batchDate.getTime() + DAY).toISOString();
  for (let offset = 0; ; offset += 100) {
    const page = await gateway.transactions.search({ createdFrom: from, createdTo: to, limit: 100, offset });
    await upsertTransactions(getDb(), merchantId, page.items);
    if (page.items.length < 100) return;
  }
}

/** Gateway family: no funding API (seed 003), so each settled batch is a deposit funded with its `net_deposit`. */
async function reconcileGatewayFamily(merchantId: string, now: Date, gatewayOf: () => Promise<GatewayAdapter>) {
  const db = getDb();
  const since = new Date(now.getTime() - WINDOW_DAYS * DAY);
  const batches = await db
    .select()
    .from(settlementBatches)
    .where(
      and(
        eq(settlementBatches.merchantId, merchantId),
        gte(settlementBatches.batchDate, since),
        eq(settlementBatches.status, "settled"),
      ),
    );
  if (batches.length === 0) return { deposits: 0, reconciled: 0 };
  const cachedRows = () =>
    db
      .select({
        providerId: transactions.providerId,
        type: transactions.type,
        batchId: transactions.batchId,
        settledAmount: transactions.settledAmount,
        capturedAmount: transactions.capturedAmount,
        status: transactions.status,
      })
      .from(transactions)
      .where(
        and(
          eq(transactions.merchantId, merchantId),
          inArray(
            transactions.batchId,
            batches.map((b) => b.providerId),
          ),
        ),
      );
  let rows = await cachedRows();
  const short = batches.filter((b) => rows.filter((t) => t.batchId === b.providerId).length < b.transactionCount);
  if (short.length) {
    const gateway = await gatewayOf();
    for (const b of short) await fillBatchTransactions(merchantId, gateway, b.batchDate);
    rows = await cachedRows();
  }
  let ok = 0;
  for (const b of batches) {
    const items = rows
      .filter((t) => t.batchId === b.providerId)
      .map((t) => settledItemOf({ ...t, id: t.providerId }))
      .filter((i): i is SettledItem => i !== null);
    const net = batchNet(items);
    const expected = expectedDeposit({ batches: [{ id: b.providerId, net }], fees: 0, adjustments: 0, chargebacks: 0 });
    if (
      await storeDeposit(merchantId, "fluidpay", {
        providerId: b.providerId,
        depositDate: isoDay(b.batchDate),
        currency: "USD",
        batchIds: [b.providerId],
        batchesNet: net,
        fees: 0,
        adjustments: 0,
        chargebacks: 0,
        expected,
        funded: b.netDeposit,
        lines: depositLines({ items, chargebacks: [], fees: [], adjustments: [] }),
        bankAccount: null,
      })
    )
      ok += 1;
  }
  return { deposits: batches.length, reconciled: ok };
}

/** Rules that read only the cache: unsettled captures, paid invoices with no settled payment, orphan refunds. */
async function cacheRules(merchantId: string, now: Date, settleGraceDays: number) {
  const db = getDb();
  const cutoff = new Date(now.getTime() - settleGraceDays * DAY);
  const since = new Date(now.getTime() - WINDOW_DAYS * DAY);
  const stuck = await db
    .select()
    .from(transactions)
    .where(
      and(
        eq(transactions.merchantId, merchantId),
        eq(transactions.status, "pending_settlement"),
        lt(transactions.providerCreatedAt, cutoff),
        gte(transactions.providerCreatedAt, since),
      ),
    );
  for (const t of stuck) {
    await raiseException({
      merchantId,
      kind: "unsettled_capture",
      subjectId: t.providerId,
      reason: `Captured ${formatMoney(t.capturedAmount || t.amount)} on ${isoDay(t.providerCreatedAt)} and not settled after ${settleGraceDays} days.`,
      expected: t.capturedAmount || t.amount,
      actual: 0,
      transactionId: t.providerId,
      invoiceId: t.invoiceId,
    });
  }
  const refunds = await db.execute<{ provider_id: string; amount: string; created: Date; ref: string | null }>(sql`
    select r.provider_id, r.amount::text as amount, r.provider_created_at as created, r.referenced_transaction_id as ref
    from ${transactions} r
    where r.merchant_id = ${merchantId} and r.type = 'refund' and r.approved and r.provider_created_at >= ${since}
      and (r.referenced_transaction_id is null or not exists (
        select 1 from ${transactions} o where o.merchant_id = r.merchant_id and o.provider_id = r.referenced_transaction_id))`);
  for (const r of refunds.rows) {
    await raiseException({
      merchantId,
      kind: "orphan_refund",
      subjectId: r.provider_id,
      reason: r.ref
        ? `Refund of ${formatMoney(Number(r.amount))} points at transaction ${r.ref}, which is not in this account.`
        : `Refund of ${formatMoney(Number(r.amount))} has no original sale.`,
      actual: Number(r.amount),
      transactionId: r.provider_id,
    });
  }
  const paid = await db
    .select({
      id: invoices.providerId,
      number: invoices.number,
      total: invoices.total,
      updated: invoices.providerUpdatedAt,
    })
    .from(invoices)
    .where(
      and(
        eq(invoices.merchantId, merchantId),
        eq(invoices.status, "paid"),
        isNull(invoices.paidOutsideMethod),
        lt(invoices.providerUpdatedAt, cutoff),
        gte(invoices.providerUpdatedAt, since),
      ),
    );
  for (const inv of paid) {
    const [settled] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(transactions)
      .where(
        and(
          eq(transactions.merchantId, merchantId),
          or(
            eq(transactions.invoiceId, inv.id),
            inArray(
              transactions.providerId,
              db
                .select({ id: sql<string>`${invoicePayments.transactionId}` })
                .from(invoicePayments)
                .where(
                  and(
                    eq(invoicePayments.merchantId, merchantId),
                    eq(invoicePayments.invoiceId, inv.id),
                    eq(invoicePayments.status, "approved"),
                  ),
                ),
            ),
          ),
          sql`(${transactions.settledAt} is not null or ${transactions.status} in ('settled','refunded','partially_refunded'))`,
        ),
      );
    if ((settled?.n ?? 0) > 0) continue;
    await raiseException({
      merchantId,
      kind: "invoice_unsettled",
      subjectId: inv.id,
      reason: `Invoice ${inv.number ?? inv.id} is paid (${formatMoney(inv.total)}) but no settled payment is linked to it.`,
      expected: inv.total,
      actual: 0,
      invoiceId: inv.id,
    });
  }
}

/**
 * The three-way match for one merchant (issue 20 §1): deposits ⇄ batches ⇄ transactions ⇄ invoices, and the
 * exceptions queue. Runs after each sync (lib/jobs/reconciliation.ts) and from "Reconcile now".
 */
export async function reconcileMerchantDeposits(
  merchantId: string,
  opts: { now?: Date; gateway?: GatewayAdapter } = {},
): Promise<ReconcileSummary> {
  const [m] = await getDb().select({ gateway: merchants.gateway }).from(merchants).where(eq(merchants.id, merchantId));
  if (!m) return { deposits: 0, reconciled: 0, exceptions: 0 };
  const settings = await reconSettingsFor(merchantId);
  const now = opts.now ?? new Date();
  const r =
    m.gateway === "cardpointe"
      ? await reconcileCardPointe(
          merchantId,
          opts.gateway ?? (await gatewayForMerchant(merchantId)),
          now,
          settings.fundingGraceDays,
        )
      : await reconcileGatewayFamily(
          merchantId,
          now,
          async () => opts.gateway ?? (await gatewayForMerchant(merchantId)),
        );
  await cacheRules(merchantId, now, settings.settleGraceDays);
  return { ...r, exceptions: r.deposits - r.reconciled };
}
