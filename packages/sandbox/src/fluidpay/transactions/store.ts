import type { Queryable } from "../core/schema";

/** The transaction object as the API returns it (kept verbatim in jsonb; only masked card data). */
export type TxnData = Record<string, unknown> & {
  id: string;
  type: string;
  status: string;
  amount: number;
  amount_authorized: number;
  amount_captured: number;
  amount_settled: number;
  amount_refunded: number;
};

/** Sandbox-only facts about a transaction that never appear in responses. */
export interface TxnInternal {
  achRouting?: string;
  refundDeclines?: boolean;
  lateReturnPending?: boolean;
  /** Real epoch ms at which a pending terminal transaction resolves. */
  terminalResolveAt?: number;
  tpn?: string;
  /** Tenths of the approved amount for partial approvals are not needed: kept for documentation of the trigger. */
  trigger?: string;
}

export interface TxnRow {
  data: TxnData;
  internal: TxnInternal;
}

export async function insertTxn(c: Queryable, accountId: string, data: TxnData, internal: TxnInternal): Promise<void> {
  await c.query(
    `insert into sandbox_gateway.transactions (id, account_id, type, status, created_at, terminal_id, data, internal)
     values ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [
      data.id,
      accountId,
      data.type,
      data.status,
      data.created_at,
      (data.terminal_id as string | undefined) || null,
      data,
      internal,
    ],
  );
}

export async function loadTxn(c: Queryable, accountId: string, id: string, lock = false): Promise<TxnRow | undefined> {
  const r = await c.query<TxnRow>(
    `select data, internal from sandbox_gateway.transactions where account_id = $1 and id = $2${lock ? " for update" : ""}`,
    [accountId, id],
  );
  return r.rows[0];
}

export async function updateTxn(c: Queryable, accountId: string, data: TxnData, internal?: TxnInternal): Promise<void> {
  await c.query(
    `update sandbox_gateway.transactions set status = $3, settlement_batch_id = $4, data = $5,
       internal = coalesce($6, internal) where account_id = $1 and id = $2`,
    [accountId, data.id, data.status, (data.settlement_batch_id as string) || null, data, internal ?? null],
  );
}
