import type { Queryable } from "../db";
import type { Merchant } from "../merchants";
import { nowFor } from "../merchants";
import { formatAmount } from "../money";
import { brandOfBin } from "../cards";
import { normalise, type TxnRow } from "../store";

interface BatchRow {
  batchid: string;
  merchid: string;
  hoststat: string;
  hostbatch: string | null;
  closed_at: Date;
}

/**
 * MMDD (current simulated year) or YYYYMMDD → YYYY-MM-DD; undefined for anything else, including a date that does
 * not exist (0230, 20260230), which then gets the documented "no match" answer instead of a failed cast (a 500).
 */
export function parseDate(raw: string, now: Date): string | undefined {
  const m = /^(\d{4})?(\d{2})(\d{2})$/.exec(raw);
  if (!m || (raw.length !== 4 && raw.length !== 8)) return undefined;
  const year = m[1] ? Number(m[1]) : now.getUTCFullYear();
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return undefined;
  }
  return `${String(year).padStart(4, "0")}-${m[2]}-${m[3]}`;
}

/**
 * settlestat: closed batches by close date (MMDD) or batchid; with only merchid, the batches not returned
 * before. Nothing → the plain text `Null batches`.
 */
export async function settlestat(q: Queryable, m: Merchant, params: URLSearchParams): Promise<unknown[] | null> {
  const date = params.get("date");
  const batchid = params.get("batchid");
  let rows: BatchRow[];
  if (batchid) {
    rows = (
      await q.query<BatchRow>(
        `select * from sandbox_cardpointe.batches where merchid = $1 and batchid = $2 and status = 'closed'`,
        [m.merchid, batchid],
      )
    ).rows;
  } else if (date) {
    const day = parseDate(date, nowFor(m));
    if (!day) return null;
    rows = (
      await q.query<BatchRow>(
        `select * from sandbox_cardpointe.batches where merchid = $1 and status = 'closed'
         and (closed_at at time zone 'UTC')::date = $2::date order by closed_at`,
        [m.merchid, day],
      )
    ).rows;
  } else {
    rows = (
      await q.query<BatchRow>(
        `update sandbox_cardpointe.batches set delivered = true
         where merchid = $1 and status = 'closed' and not delivered returning *`,
        [m.merchid],
      )
    ).rows;
  }
  if (rows.length === 0) return null;
  const out = [];
  for (const b of rows.sort((a, c) => new Date(a.closed_at).getTime() - new Date(c.closed_at).getTime())) {
    const txns = (
      await q.query<TxnRow>(`select * from sandbox_cardpointe.transactions where batchid = $1 order by capturedate`, [
        b.batchid,
      ])
    ).rows.map(normalise);
    const charge = txns.filter((t) => t.kind !== "refund").reduce((s, t) => s + t.captured_minor, 0);
    const refund = txns.filter((t) => t.kind === "refund").reduce((s, t) => s + t.captured_minor, 0);
    out.push({
      merchid: m.merchid,
      batchid: b.batchid,
      hoststat: b.hoststat,
      hostbatch: b.hostbatch ?? "",
      respproc: m.processor,
      chargetotal: formatAmount(charge),
      refundtotal: formatAmount(refund),
      txns: txns.map((t) => ({
        retref: t.retref,
        setlamount: formatAmount(t.kind === "refund" ? -t.captured_minor : t.captured_minor),
        setlstat: "Y",
        salesdoc: t.orderid ?? t.retref,
        authcode: t.authcode ?? "",
        cardtype: t.account_kind === "ach" ? "ECHK" : (brandOfBin(t.first6) ?? ""),
      })),
    });
  }
  return out;
}

/** funding: deposits whose funding date has come on the simulated clock. */
export async function funding(q: Queryable, m: Merchant, params: URLSearchParams) {
  const now = nowFor(m);
  const today = now.toISOString().slice(0, 10);
  const date = params.get("date");
  const none = { errormsg: "No deposits match your request" };
  let rows: { payload: Record<string, unknown[]> }[];
  if (date) {
    const day = parseDate(date, now);
    if (!day) return none;
    rows = (
      await q.query(
        `update sandbox_cardpointe.fundings set retrieved = true
         where merchid = $1 and fundingdate = $2::date and fundingdate <= $3::date returning payload`,
        [m.merchid, day, today],
      )
    ).rows;
  } else {
    rows = (
      await q.query(
        `update sandbox_cardpointe.fundings set retrieved = true
         where merchid = $1 and not retrieved and fundingdate <= $2::date returning payload`,
        [m.merchid, today],
      )
    ).rows;
  }
  if (rows.length === 0) return none;
  const merged: Record<string, unknown[]> = { fundings: [], txns: [], adjustments: [] };
  for (const r of rows) for (const k of Object.keys(merged)) merged[k]!.push(...(r.payload[k] ?? []));
  // "This node is only returned if chargeback records are present" (CardPointeGatewayAPI.yaml, chargebacks).
  const chargebacks = rows.flatMap((r) => r.payload.chargebacks ?? []);
  return chargebacks.length ? { ...merged, chargebacks } : merged;
}

export async function openBatch(q: Queryable, m: Merchant) {
  const r = await q.query<{ batchid: string }>(
    `select batchid from sandbox_cardpointe.batches where merchid = $1 and status = 'open'`,
    [m.merchid],
  );
  return r.rows[0] ? { batchid: r.rows[0].batchid, respcode: "success" } : { batchid: "", respcode: "noBatch" };
}
