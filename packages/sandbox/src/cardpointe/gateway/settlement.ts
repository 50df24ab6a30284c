import type { Queryable } from "../db";
import { withTx } from "../db";
import { brandOfBin } from "../cards";
import type { Merchant } from "../merchants";
import { getMerchant, nowFor } from "../merchants";
import { formatAmount } from "../money";
import { normalise, type TxnRow } from "../store";
import { fundingReportId, numericId } from "../ids";

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
  const fundingid = fundingReportId();
  const fundingmasterid = fundingReportId();
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
      fundingtxnid: fundingReportId(),
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
  const today = now.toISOString().slice(0, 10);
  // Test hooks (`_control/chargeback`, `_control/funding-shortfall`): chargebacks recorded since the last deposit are
  // taken from this one and listed in `chargebacks` (documented node); a shortfall is taken without any line, as a
  // deposit that does not match its own report would be.
  const cbRows = (
    await q.query<{ id: string; retref: string; amount_minor: number; reasoncode: string; reasondescription: string }>(
      `update sandbox_cardpointe.chargebacks set fundingid = $2 where merchid = $1 and fundingid is null
       returning id, retref, amount_minor, reasoncode, reasondescription`,
      [m.merchid, fundingid],
    )
  ).rows;
  const chargebackTotal = cbRows.reduce((s, c) => s + Number(c.amount_minor), 0);
  const shortfall = Number(
    (
      await q.query<{ s: number }>(
        `select funding_shortfall_minor as s from sandbox_cardpointe.merchants where merchid = $1 for update`,
        [m.merchid],
      )
    ).rows[0]?.s ?? 0,
  );
  if (shortfall) {
    await q.query(`update sandbox_cardpointe.merchants set funding_shortfall_minor = 0 where merchid = $1`, [
      m.merchid,
    ]);
  }
  const total = netsales - interchange - servicecharge - BATCH_FEE_MINOR - chargebackTotal - shortfall;
  const chargebacks = await Promise.all(
    cbRows.map(async (c) => {
      const orig = (
        await q.query<{
          captured_minor: number;
          authdate: Date;
          orderid: string | null;
          first6: string;
          last4: string;
        }>(
          `select captured_minor, authdate, orderid, first6, last4 from sandbox_cardpointe.transactions where retref = $1`,
          [c.retref],
        )
      ).rows[0];
      return {
        fundingchargebackid: String(c.id),
        merchid: m.merchid,
        retref: c.retref,
        amount: formatAmount(Number(c.amount_minor)),
        transactionamount: formatAmount(Number(orig?.captured_minor ?? 0)),
        transactiondate: orig ? new Date(orig.authdate).toISOString().slice(0, 10) : today,
        chargebackdate: today,
        depositdate: fundingDay,
        reasoncode: c.reasoncode,
        reasondescription: c.reasondescription,
        fundingmasterid,
        casenumber: numericId(10),
        sequencenumber: numericId(11),
        ...(orig ? { cardnumber: `${orig.first6}******${orig.last4}` } : {}),
        ...(orig?.orderid ? { invoicenumber: orig.orderid } : {}),
        dateadded: today,
        datechanged: today,
      };
    }),
  );
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
        depositachtracenumber: fundingReportId(),
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
    ...(chargebacks.length ? { chargebacks } : {}),
  };
  await q.query(
    `insert into sandbox_cardpointe.fundings (fundingid, merchid, fundingdate, payload) values ($1,$2,$3,$4)`,
    [fundingid, m.merchid, fundingDay, JSON.stringify(payload)],
  );
}

/** Test hook: a chargeback on a settled sale, taken from the merchant's next deposit. */
export async function recordChargeback(
  merchid: string,
  input: { retref: string; amountMinor?: number; reasoncode?: string; reasondescription?: string },
): Promise<{ retref: string; amount: string } | "not_found"> {
  return withTx(async (q) => {
    const t = (
      await q.query<{ captured_minor: number }>(
        `select captured_minor from sandbox_cardpointe.transactions where merchid = $1 and retref = $2 and setlstat = 'Accepted'`,
        [merchid, input.retref],
      )
    ).rows[0];
    if (!t) return "not_found";
    const amount = Math.min(input.amountMinor ?? Number(t.captured_minor), Number(t.captured_minor));
    await q.query(
      `insert into sandbox_cardpointe.chargebacks (merchid, retref, amount_minor, reasoncode, reasondescription)
       values ($1,$2,$3,$4,$5)`,
      [
        merchid,
        input.retref,
        amount,
        input.reasoncode ?? "4837",
        input.reasondescription ?? "No cardholder authorization",
      ],
    );
    return { retref: input.retref, amount: formatAmount(amount) };
  });
}

/** Test hook: the merchant's next deposit arrives short by this many cents, with nothing in the report to say why. */
export async function setFundingShortfall(merchid: string, minor: number): Promise<boolean> {
  return withTx(async (q) => {
    const r = await q.query(`update sandbox_cardpointe.merchants set funding_shortfall_minor = $2 where merchid = $1`, [
      merchid,
      minor,
    ]);
    return (r.rowCount ?? 0) > 0;
  });
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
