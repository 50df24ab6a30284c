import type { Queryable } from "../db";
import type { Merchant } from "../merchants";
import { formatAmount } from "../money";
import { getTxn, normalise, stamp, type TxnRow, ymd } from "../store";
import { pps } from "./pps";

/** The full inquire payload; voidable/refundable follow the batch state. */
export async function txnView(q: Queryable, t: TxnRow) {
  let refundable = "N";
  if (t.kind === "auth" && t.setlstat === "Accepted") {
    const r = await q.query<{ sum: string | null }>(
      `select sum(amount_minor) as sum from sandbox_cardpointe.transactions
       where parent_retref = $1 and kind = 'refund' and respstat = 'A' and setlstat <> 'Voided'`,
      [t.retref],
    );
    refundable = t.captured_minor - Number(r.rows[0]?.sum ?? 0) > 0 ? "Y" : "N";
  }
  const voidable =
    t.respstat === "A" && (t.setlstat === "Authorized" || t.setlstat === "Queued for Capture") ? "Y" : "N";
  const amount =
    t.setlstat === "Queued for Capture" || t.setlstat === "Accepted" ? t.captured_minor : t.authorized_minor;
  return {
    merchid: t.merchid,
    account: t.token ?? "",
    token: t.token ?? "",
    ...(t.expiry ? { expiry: t.expiry } : {}),
    amount: formatAmount(t.respstat === "A" ? amount : 0),
    currency: t.currency,
    retref: t.retref,
    orderid: t.orderid ?? "",
    authcode: t.authcode ?? "",
    respcode: t.respcode,
    resptext: t.resptext,
    respstat: t.respstat,
    respproc: t.respproc,
    setlstat: t.setlstat,
    ...(t.batchid ? { batchid: t.batchid } : {}),
    ...(t.capturedate ? { capturedate: stamp(new Date(t.capturedate)) } : {}),
    ...(t.settledate ? { settledate: stamp(new Date(t.settledate)) } : {}),
    authdate: ymd(new Date(t.authdate)),
    lastfour: t.last4,
    name: t.name ?? "",
    ...(t.signature ? { signature: t.signature } : {}),
    ...(t.profileid ? { profileid: t.profileid, acctid: t.acctid ?? "" } : {}),
    ...(t.entrymode ? { entrymode: t.entrymode } : {}),
    ...(t.avsresp ? { avsresp: t.avsresp } : {}),
    ...(t.cvvresp ? { cvvresp: t.cvvresp } : {}),
    ...(t.userfields ? { userfields: t.userfields } : {}),
    ...(t.kind === "refund" ? { parentretref: t.parent_retref ?? "" } : {}),
    voidable,
    refundable,
  };
}

/** services.md L58: a retref is 12 digits; the spec's orderid is at most 50 characters. Longer ones are refused. */
const RETREF = /^\d{1,12}$/;
const ORDERID_MAX = 50;

export async function inquire(q: Queryable, m: Merchant, retref: string) {
  // An impossible retref is an invalid field, answered without echoing it back.
  if (!RETREF.test(retref)) return pps("34", { merchid: m.merchid });
  const t = await getTxn(q, retref);
  if (!t || t.merchid !== m.merchid) return pps("29", { merchid: m.merchid, retref });
  return txnView(q, t);
}

/** `set` = "1" restricts to this MID; omitted searches every MID of the site and environment. */
export async function inquireByOrderid(q: Queryable, m: Merchant, orderid: string, set: string | undefined) {
  if (orderid.length > ORDERID_MAX) return pps("34", { merchid: m.merchid });
  const r =
    set === "1"
      ? await q.query<TxnRow>(
          `select * from sandbox_cardpointe.transactions where merchid = $1 and orderid = $2 order by authdate, created_at`,
          [m.merchid, orderid],
        )
      : await q.query<TxnRow>(
          `select t.* from sandbox_cardpointe.transactions t
           join sandbox_cardpointe.merchants mm on mm.merchid = t.merchid
           where mm.site = $1 and mm.environment = $2 and t.orderid = $3 order by t.authdate, t.created_at`,
          [m.site, m.environment, orderid],
        );
  if (r.rows.length === 0) return pps("29", { merchid: m.merchid, orderid });
  const views = await Promise.all(r.rows.map((row) => txnView(q, normalise(row))));
  return views.length === 1 ? views[0] : views;
}
