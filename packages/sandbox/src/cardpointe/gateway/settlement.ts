import type { Queryable } from "../db";
import { withTx } from "../db";
import { brandOfBin } from "../cards";
import type { Merchant } from "../merchants";
import { getMerchant, nowFor } from "../merchants";
import { formatAmount } from "../money";
import { normalise, type TxnRow } from "../store";
import { numericId } from "../ids";

/**
 * Batch close and funding. A closed batch is accepted by the host (hoststat GB, every txn setlstat Y);
 * its deposit is scheduled for the next day on the merchant's simulated clock, with fees and an adjustment.
 */

// Sandbox pricing (not documented by the platform; chosen to make every funding field non-trivial).
const INTERCHANGE_PERCENT_BP = 180; // 1.80 %
const INTERCHANGE_UNIT_MINOR = 10; // $0.10 per sale
const SERVICE_CHARGE_BP = 25; // 0.25 % of sales
const BATCH_FEE_MINOR = 195; // a $1.95 adjustment per deposit

export interface ClosedBatch {
  batchid: string;
  transactions: number;
}

function cardtype(t: TxnRow): string {
  if (t.account_kind === "ach") return "ECHK";
  return brandOfBin(t.first6) ?? "VISA";
}

async function closeOne(q: Queryable, m: Merchant, batchid: string, now: Date): Promise<ClosedBatch> {
  const txns = (
    await q.query<TxnRow>(
      `update sandbox_cardpointe.transactions set setlstat = 'Accepted', settledate = $2
       where batchid = $1 and setlstat = 'Queued for Capture' returning *`,
      [batchid, now],
    )
  ).rows.map(normalise);
  await q.query(
    `update sandbox_cardpointe.batches set status = 'closed', closed_at = $2, hoststat = $3, hostbatch = $4
     where batchid = $1`,
    [batchid, now, txns.length ? "GB" : "EB", numericId(6)],
  );
  if (txns.length) await scheduleFunding(q, m, batchid, txns, now);
  return { batchid, transactions: txns.length };
}

function pct(amount: number, bp: number): number {
  return Math.round((amount * bp) / 10_000);
}

async function scheduleFunding(q: Queryable, m: Merchant, batchid: string, txns: TxnRow[], now: Date) {
  const fundingDay = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  const fundingid = numericId(14);
  const fundingmasterid = numericId(14);
  let sales = 0;
  let refunds = 0;
  let interchange = 0;
  const lines = txns.map((t) => {
    const isRefund = t.kind === "refund";
    if (isRefund) refunds += t.captured_minor;
    else sales += t.captured_minor;
    const unit = isRefund ? 0 : INTERCHANGE_UNIT_MINOR;
    const percent = isRefund ? 0 : pct(t.captured_minor, INTERCHANGE_PERCENT_BP);
    interchange += unit + percent;
    return {
      fundingtxnid: numericId(14),
      retref: t.retref,
      authcode: t.authcode ?? "",
      authdate: new Date(t.authdate).toISOString().slice(0, 10),
      respcode: t.respcode,
      batchid,
      cardproc: t.respproc,
      interchangeunitfee: formatAmount(unit),
      interchangepercentfee: formatAmount(percent),
      date: now.toISOString().slice(0, 10),
      cardnumber: `${t.first6}******${t.last4}`,
      cardtype: cardtype(t),
      cardbrand: cardtype(t),
      amount: formatAmount(isRefund ? -t.captured_minor : t.captured_minor),
      currency: t.currency,
      type: isRefund ? "REFUND" : "SALE",
      status: "Settled",
      fundingid,
      ...(t.orderid ? { invoicenumber: t.orderid } : {}),
    };
  });
  const netsales = sales - refunds;
  const servicecharge = pct(sales, SERVICE_CHARGE_BP);
  const total = netsales - interchange - servicecharge - BATCH_FEE_MINOR;
  const today = now.toISOString().slice(0, 10);
  const payload = {
    fundings: [
      {
        fundingmasterid,
        merchid: m.merchid,
        netsales: formatAmount(netsales),
        thirdparty: "0.00",
        adjustment: formatAmount(-BATCH_FEE_MINOR),
        interchangefee: formatAmount(-interchange),
        servicecharge: formatAmount(-servicecharge),
        fee: "0.00",
        reversal: "0.00",
        otheradjustment: "0.00",
        totalfunding: formatAmount(total),
        fundingdate: fundingDay,
        currency: m.currency,
        ddanumber: "3XXXXX0540",
        abanumber: "036001808",
        fundingid,
        datechanged: today,
        dateadded: today,
        deposittrancode: "22",
        depositachtracenumber: numericId(14),
      },
    ],
    txns: lines,
    adjustments: [
      {
        fundingadjustmentid: numericId(10),
        merchid: m.merchid,
        category: "FEE",
        type: "Batch fee",
        description: "Sandbox per-deposit batch fee",
        amount: formatAmount(-BATCH_FEE_MINOR),
        currency: m.currency,
        fundingid,
        datechanged: today,
      },
    ],
  };
  await q.query(
    `insert into sandbox_cardpointe.fundings (fundingid, merchid, fundingdate, payload) values ($1,$2,$3,$4)`,
    [fundingid, m.merchid, fundingDay, JSON.stringify(payload)],
  );
}

/** Closes the merchant's open batch (or the named one). */
export async function closeBatches(merchid: string, batchid?: string): Promise<ClosedBatch[]> {
  return withTx(async (q) => {
    const m = await getMerchant(merchid, q);
    if (!m) return [];
    const now = nowFor(m);
    const open = await q.query<{ batchid: string }>(
      `select batchid from sandbox_cardpointe.batches where merchid = $1 and status = 'open'
       ${batchid ? "and batchid = $2" : ""} order by opened_at for update`,
      batchid ? [merchid, batchid] : [merchid],
    );
    const out: ClosedBatch[] = [];
    for (const b of open.rows) out.push(await closeOne(q, m, b.batchid, now));
    return out;
  });
}

/**
 * The host's daily close: an open batch opened on an earlier (UTC) day than the merchant's simulated now
 * closes at the end of its day. Run when the clock moves, so advancing a day settles like production.
 */
export async function dailyClose(merchid: string): Promise<ClosedBatch[]> {
  return withTx(async (q) => {
    const m = await getMerchant(merchid, q);
    if (!m) return [];
    const today = nowFor(m).toISOString().slice(0, 10);
    const due = await q.query<{ batchid: string; opened_at: Date }>(
      `select batchid, opened_at from sandbox_cardpointe.batches
       where merchid = $1 and status = 'open' and (opened_at at time zone 'UTC')::date < $2::date for update`,
      [merchid, today],
    );
    const out: ClosedBatch[] = [];
    for (const b of due.rows) {
      const opened = new Date(b.opened_at);
      const closeAt = new Date(
        Date.UTC(opened.getUTCFullYear(), opened.getUTCMonth(), opened.getUTCDate(), 23, 59, 59),
      );
      out.push(await closeOne(q, m, b.batchid, closeAt));
    }
    return out;
  });
}
