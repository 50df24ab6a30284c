import type { Queryable } from "./db";
import { newBatchId, newRetref } from "./ids";

/** Rows of the emulated gateway's ledger and the batch they are captured into. */
export interface TxnRow {
  retref: string;
  merchid: string;
  kind: "auth" | "refund" | "credit";
  orderid: string | null;
  token: string | null;
  account_kind: "card" | "ach";
  first6: string;
  last4: string;
  expiry: string | null;
  name: string | null;
  amount_minor: number;
  authorized_minor: number;
  captured_minor: number;
  currency: string;
  respstat: "A" | "B" | "C";
  respcode: string;
  resptext: string;
  respproc: string;
  authcode: string | null;
  avsresp: string | null;
  cvvresp: string | null;
  setlstat: string;
  batchid: string | null;
  parent_retref: string | null;
  profileid: string | null;
  acctid: string | null;
  entrymode: string | null;
  ecomind: string | null;
  cof: string | null;
  signature: string | null;
  userfields: Record<string, string> | null;
  authdate: Date;
  capturedate: Date | null;
  settledate: Date | null;
}

export type NewTxn = Omit<TxnRow, "retref">;

const COLS: (keyof NewTxn)[] = [
  "merchid",
  "kind",
  "orderid",
  "token",
  "account_kind",
  "first6",
  "last4",
  "expiry",
  "name",
  "amount_minor",
  "authorized_minor",
  "captured_minor",
  "currency",
  "respstat",
  "respcode",
  "resptext",
  "respproc",
  "authcode",
  "avsresp",
  "cvvresp",
  "setlstat",
  "batchid",
  "parent_retref",
  "profileid",
  "acctid",
  "entrymode",
  "ecomind",
  "cof",
  "signature",
  "userfields",
  "authdate",
  "capturedate",
  "settledate",
];

export async function insertTxn(q: Queryable, t: NewTxn): Promise<TxnRow> {
  for (;;) {
    const retref = newRetref();
    const values = [retref, ...COLS.map((c) => (c === "userfields" && t[c] ? JSON.stringify(t[c]) : t[c]))];
    const r = await q.query<TxnRow>(
      `insert into sandbox_cardpointe.transactions (retref, ${COLS.join(", ")})
       values (${values.map((_, i) => `$${i + 1}`).join(", ")})
       on conflict (retref) do nothing returning *`,
      values,
    );
    if (r.rows[0]) return normalise(r.rows[0]);
  }
}

export function normalise(row: TxnRow): TxnRow {
  return {
    ...row,
    amount_minor: Number(row.amount_minor),
    authorized_minor: Number(row.authorized_minor),
    captured_minor: Number(row.captured_minor),
  };
}

export async function getTxnForUpdate(q: Queryable, retref: string): Promise<TxnRow | undefined> {
  const r = await q.query<TxnRow>(`select * from sandbox_cardpointe.transactions where retref = $1 for update`, [
    retref,
  ]);
  return r.rows[0] ? normalise(r.rows[0]) : undefined;
}

export async function getTxn(q: Queryable, retref: string): Promise<TxnRow | undefined> {
  const r = await q.query<TxnRow>(`select * from sandbox_cardpointe.transactions where retref = $1`, [retref]);
  return r.rows[0] ? normalise(r.rows[0]) : undefined;
}

export async function updateTxn(q: Queryable, retref: string, patch: Partial<NewTxn>): Promise<TxnRow> {
  const keys = Object.keys(patch) as (keyof NewTxn)[];
  const r = await q.query<TxnRow>(
    `update sandbox_cardpointe.transactions set ${keys.map((k, i) => `${k} = $${i + 2}`).join(", ")}
     where retref = $1 returning *`,
    [retref, ...keys.map((k) => patch[k])],
  );
  return normalise(r.rows[0]!);
}

/** The merchant's open batch, opened on demand (one open batch per merchant, enforced by a unique index). */
export async function openBatchId(q: Queryable, merchid: string, now: Date): Promise<string> {
  const existing = await q.query<{ batchid: string }>(
    `select batchid from sandbox_cardpointe.batches where merchid = $1 and status = 'open'`,
    [merchid],
  );
  if (existing.rows[0]) return existing.rows[0].batchid;
  const r = await q.query<{ batchid: string }>(
    `insert into sandbox_cardpointe.batches (batchid, merchid, opened_at) values ($1,$2,$3)
     on conflict do nothing returning batchid`,
    [newBatchId(), merchid, now],
  );
  if (r.rows[0]) return r.rows[0].batchid;
  return openBatchId(q, merchid, now);
}

/** YYYYMMDDHHMMSS / YYYYMMDD in UTC, the gateway's date formats. */
export function stamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}
export function ymd(d: Date): string {
  return stamp(d).slice(0, 8);
}
