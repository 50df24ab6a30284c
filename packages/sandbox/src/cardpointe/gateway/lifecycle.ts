import type { Queryable } from "../db";
import { amountDriven, outcome } from "../cards";
import { str } from "../http";
import type { Merchant } from "../merchants";
import { nowFor } from "../merchants";
import { formatAmount, parseAmount } from "../money";
import { getTxnForUpdate, insertTxn, openBatchId, type TxnRow, updateTxn } from "../store";
import { pps } from "./pps";

type Body = Record<string, unknown>;
const DAY = 86_400_000;

/** The processor's approval for follow-ups on a card row; ACH (ProfitStars) answers 00. */
function approvalOf(row: TxnRow) {
  return row.respproc === "FNOR" || row.respproc === "RPCT"
    ? outcome(row.respproc, "approval")
    : { respcode: "00", resptext: "Approval" };
}

/** A transaction of another merchant is "not found": refunds and voids must carry the original MID. */
async function ownTxn(q: Queryable, m: Merchant, retref: string | undefined): Promise<TxnRow | undefined> {
  if (!retref) return undefined;
  const t = await getTxnForUpdate(q, retref);
  return t && t.merchid === m.merchid ? t : undefined;
}

export async function capture(q: Queryable, m: Merchant, body: Body) {
  const t = await ownTxn(q, m, str(body, "retref"));
  const base = { merchid: m.merchid, retref: str(body, "retref") ?? "" };
  if (!t || t.kind !== "auth" || t.respstat !== "A") return pps("29", base);
  const ack = (row: TxnRow) => ({
    merchid: m.merchid,
    account: row.token,
    token: row.token,
    amount: formatAmount(row.captured_minor),
    retref: row.retref,
    authcode: row.authcode,
    batchid: row.batchid,
    setlstat: row.setlstat,
    commcard: "N",
    respstat: "A",
    respcode: approvalOf(row).respcode,
    resptext: approvalOf(row).resptext,
    respproc: row.respproc,
  });
  if (t.setlstat === "Queued for Capture") return ack(t);
  if (t.setlstat === "Accepted") return pps("26", base);
  if (t.setlstat !== "Authorized") return pps("29", base);
  const raw = str(body, "amount");
  const amount = raw === undefined || raw === "" ? t.authorized_minor : parseAmount(raw);
  // Capturing more than was authorized (tip adjust) needs the MID's entitlement (CardPointeGatewayAPI.yaml L239);
  // sandbox MIDs get it through `_control/entitlements`.
  if (amount === undefined || amount <= 0 || (amount > t.authorized_minor && !m.tip_adjust)) return pps("43", base);
  const now = nowFor(m);
  const batchid = await openBatchId(q, m.merchid, now);
  const row = await updateTxn(q, t.retref, {
    captured_minor: amount,
    setlstat: "Queued for Capture",
    batchid,
    capturedate: now,
    ...(str(body, "signature") ? { signature: str(body, "signature")! } : {}),
  });
  return ack(row);
}

async function voidTxn(q: Queryable, m: Merchant, t: TxnRow, rawAmount: string | undefined) {
  const base = { merchid: m.merchid, retref: t.retref };
  if (t.respstat !== "A" || t.setlstat === "Voided") return pps("29", base);
  if (t.setlstat === "Accepted") return pps("27", base);
  if (t.setlstat !== "Authorized" && t.setlstat !== "Queued for Capture") return pps("29", base);
  const now = nowFor(m);
  if (now.getTime() - new Date(t.authdate).getTime() > 30 * DAY) return pps("39", base);
  const requested = rawAmount === undefined || rawAmount === "" ? 0 : parseAmount(rawAmount);
  if (requested === undefined || requested < 0) return pps("43", base);
  const current = t.setlstat === "Queued for Capture" ? t.captured_minor : t.authorized_minor;
  const full = requested === 0 || requested >= current;
  // Partial voids reduce an open authorization; a captured transaction can only be voided in full.
  if (!full && t.setlstat === "Queued for Capture") return pps("43", base);
  const voided = full ? current : requested;
  const row = full
    ? await updateTxn(q, t.retref, { setlstat: "Voided", batchid: null })
    : await updateTxn(q, t.retref, { authorized_minor: t.authorized_minor - requested });
  return {
    merchid: m.merchid,
    orderId: row.orderid ?? "",
    amount: formatAmount(voided),
    currency: row.currency,
    retref: row.retref,
    authcode: "REVERS",
    respcode: approvalOf(row).respcode,
    respstat: "A",
    resptext: approvalOf(row).resptext,
    respproc: row.respproc,
  };
}

export async function voidByRetref(q: Queryable, m: Merchant, body: Body) {
  const t = await ownTxn(q, m, str(body, "retref"));
  if (!t) return pps("29", { merchid: m.merchid, retref: str(body, "retref") ?? "" });
  return voidTxn(q, m, t, str(body, "amount"));
}

export async function voidByOrderId(q: Queryable, m: Merchant, body: Body) {
  const orderid = str(body, "orderid");
  const r = orderid
    ? await q.query<{ retref: string }>(
        `select retref from sandbox_cardpointe.transactions where merchid = $1 and orderid = $2
         order by authdate desc, created_at desc limit 1`,
        [m.merchid, orderid],
      )
    : { rows: [] };
  const t = r.rows[0] ? await getTxnForUpdate(q, r.rows[0].retref) : undefined;
  if (!t) return pps("29", { merchid: m.merchid, orderId: orderid ?? "" });
  return voidTxn(q, m, t, str(body, "amount"));
}

export async function refund(q: Queryable, m: Merchant, body: Body) {
  const t = await ownTxn(q, m, str(body, "retref"));
  const base = { merchid: m.merchid, retref: str(body, "retref") ?? "" };
  if (!t || t.kind !== "auth" || t.respstat !== "A") return pps("29", base);
  if (t.setlstat !== "Accepted") return pps("28", base);
  const already = await q.query<{ sum: string | null }>(
    `select sum(amount_minor) as sum from sandbox_cardpointe.transactions
     where parent_retref = $1 and kind = 'refund' and respstat = 'A' and setlstat <> 'Voided'`,
    [t.retref],
  );
  const remaining = t.captured_minor - Number(already.rows[0]?.sum ?? 0);
  const raw = str(body, "amount");
  const amount = raw === undefined || raw === "" ? remaining : parseAmount(raw);
  if (amount === undefined || amount <= 0 || amount > remaining) return pps("43", base);
  const now = nowFor(m);
  // UAT refund authorizations are amount-driven too (1nnn.00 → response code nnn).
  const driven = m.environment === "uat" && t.account_kind === "card" ? amountDriven(amount, m.processor) : undefined;
  const declined = driven && driven.respstat !== "A" ? driven : undefined;
  const orderid = str(body, "orderid") ?? t.orderid;
  const row = await insertTxn(q, {
    merchid: m.merchid,
    kind: "refund",
    orderid,
    token: t.token,
    account_kind: t.account_kind,
    first6: t.first6,
    last4: t.last4,
    expiry: t.expiry,
    name: t.name,
    amount_minor: amount,
    authorized_minor: declined ? 0 : amount,
    captured_minor: declined ? 0 : amount,
    currency: t.currency,
    respstat: declined?.respstat ?? "A",
    respcode: declined?.respcode ?? approvalOf(t).respcode,
    resptext: declined?.resptext ?? approvalOf(t).resptext,
    respproc: t.respproc,
    authcode: declined ? null : "REFUND",
    avsresp: null,
    cvvresp: null,
    setlstat: declined ? "Declined" : "Queued for Capture",
    batchid: declined ? null : await openBatchId(q, m.merchid, now),
    parent_retref: t.retref,
    profileid: t.profileid,
    acctid: t.acctid,
    entrymode: null,
    ecomind: t.ecomind,
    cof: null,
    signature: null,
    userfields: null,
    authdate: now,
    capturedate: declined ? null : now,
    settledate: null,
  });
  return {
    merchid: m.merchid,
    retref: row.retref,
    amount: formatAmount(declined ? 0 : amount),
    ...(orderid ? { orderid } : {}),
    ...(row.authcode ? { authcode: row.authcode } : {}),
    respcode: row.respcode,
    respstat: row.respstat,
    resptext: row.resptext,
    respproc: row.respproc,
  };
}

export async function sigcap(q: Queryable, m: Merchant, body: Body) {
  const t = await ownTxn(q, m, str(body, "retref"));
  if (!t) return pps("29", { merchid: m.merchid, retref: str(body, "retref") ?? "" });
  await updateTxn(q, t.retref, { signature: str(body, "signature") ?? null });
  return { merchid: m.merchid, retref: t.retref, respcode: "00", resptext: "Approval", respstat: "A", respproc: "PPS" };
}
