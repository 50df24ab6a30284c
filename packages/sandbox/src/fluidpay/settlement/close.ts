import { newId } from "../core/ids";
import { withTx } from "../core/schema";
import type { Account } from "../core/types";
import { WEBHOOK_EVENTS, emitWebhook } from "../core/webhooks";
import { PROCESSOR } from "../transactions/process";
import { updateTxn, type TxnData, type TxnInternal } from "../transactions/store";
import { ACH_ROUTING } from "../transactions/test-cards";

export interface BatchData {
  id: string;
  merchant_id: string;
  batch_date: string;
  processor_id: string;
  processor_name: string;
  processor_type: string;
  batch_number: number;
  terminal_id: string;
  num_transactions: number;
  amount_captured: number;
  amount_credit: number;
  net_deposit: number;
  response_code: number;
  response_message: string;
  created_at: string;
}

/**
 * Closes the account's open batch at `at` (or only one terminal's transactions): every
 * `pending_settlement` transaction settles — or, for the ACH return trigger, comes back `returned`;
 * a late-return ACH settled by an earlier batch turns `late_return` now. Returns undefined when
 * nothing was open.
 */
export async function closeBatch(account: Account, at: Date, terminalId?: string): Promise<BatchData | undefined> {
  const result = await withTx(async (c) => {
    await c.query("select pg_advisory_xact_lock(hashtext($1))", [`sandbox_gateway_batch:${account.id}`]);
    // Only what existed at the batch moment: a catch-up tick may close yesterday's batch after today's sales.
    const params: unknown[] = [account.id, at];
    let filter = "";
    if (terminalId) {
      params.push(terminalId);
      filter = " and terminal_id = $3";
    }
    const open = await c.query<{ data: TxnData; internal: TxnInternal }>(
      `select data, internal from sandbox_gateway.transactions
       where account_id = $1 and status = 'pending_settlement' and created_at <= $2${filter} order by created_at for update`,
      params,
    );
    const lateReturns = terminalId
      ? { rows: [] as { data: TxnData; internal: TxnInternal }[] }
      : await c.query<{ data: TxnData; internal: TxnInternal }>(
          `select data, internal from sandbox_gateway.transactions
           where account_id = $1 and status = 'settled' and (internal->>'lateReturnPending')::boolean for update`,
          [account.id],
        );
    const changed: TxnData[] = [];
    const atIso = at.toISOString();
    for (const { data, internal } of lateReturns.rows) {
      const next = { ...data, status: "late_return", updated_at: atIso };
      await updateTxn(c, account.id, next, { ...internal, lateReturnPending: false });
      changed.push(next);
    }
    if (open.rows.length === 0) return { batch: undefined, changed };
    const p = await c.query<{ processor_id: string; n: number }>(
      `select a.processor_id, coalesce((select max(batch_number) from sandbox_gateway.batches b where b.account_id = a.id), 0) + 1 as n
       from sandbox_gateway.accounts a where a.id = $1`,
      [account.id],
    );
    const processorId = p.rows[0]?.processor_id ?? "";
    // Test hook (`_control/deposit-shortfall`): this batch's deposit arrives short by that many cents.
    const sf = await c.query<{ s: string | null }>(
      `select settings->>'deposit_shortfall' as s from sandbox_gateway.accounts where id = $1 for update`,
      [account.id],
    );
    const shortfall = Number(sf.rows[0]?.s ?? 0) || 0;
    if (shortfall) {
      await c.query(`update sandbox_gateway.accounts set settings = settings - 'deposit_shortfall' where id = $1`, [
        account.id,
      ]);
    }
    const batchNumber = Number(p.rows[0]?.n ?? 1);
    const batchId = newId();
    let captured = 0;
    let credit = 0;
    let count = 0;
    for (const { data, internal } of open.rows) {
      const isCredit = data.type === "refund" || data.type === "credit";
      const returned = internal.achRouting === ACH_ROUTING.returned;
      const next: TxnData = {
        ...data,
        status: returned ? "returned" : "settled",
        amount_settled: returned ? 0 : data.amount_captured,
        settlement_batch_id: batchId,
        settled_at: returned ? null : atIso,
        updated_at: atIso,
      };
      const nextInternal =
        internal.achRouting === ACH_ROUTING.lateReturn && !isCredit
          ? { ...internal, lateReturnPending: true }
          : undefined;
      await updateTxn(c, account.id, next, nextInternal);
      changed.push(next);
      if (returned) continue;
      count += 1;
      if (isCredit) credit += data.amount_captured;
      else captured += data.amount_captured;
    }
    const batch: BatchData = {
      id: batchId,
      merchant_id: account.merchantId,
      batch_date: atIso,
      processor_id: processorId,
      processor_name: PROCESSOR.name,
      processor_type: PROCESSOR.type,
      batch_number: batchNumber,
      terminal_id: terminalId ?? "",
      num_transactions: count,
      amount_captured: captured,
      amount_credit: credit,
      net_deposit: captured - credit - shortfall,
      response_code: 100,
      response_message: "BATCH ACCEPTED",
      created_at: atIso,
    };
    await c.query(
      `insert into sandbox_gateway.batches (id, account_id, batch_number, batch_date, terminal_id, data) values ($1,$2,$3,$4,$5,$6)`,
      [batchId, account.id, batchNumber, at, terminalId ?? null, batch],
    );
    return { batch, changed };
  });
  for (const t of result.changed)
    await emitWebhook(account.id, WEBHOOK_EVENTS.transactionUpdate, t).catch(() => undefined);
  if (result.batch) await emitWebhook(account.id, WEBHOOK_EVENTS.batchSettle, result.batch).catch(() => undefined);
  return result.batch;
}

function batchMoment(day: Date, hhmm: string): Date {
  const [h, m] = hhmm.split(":").map(Number);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h ?? 23, m ?? 0));
}

/** Clock hook: closes the batch when the account's batch time falls inside (from, to]. */
export async function batchCloseHook(account: Account, from: Date, to: Date): Promise<void> {
  const last = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  for (let d = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); d <= last; d += 86_400_000) {
    const moment = batchMoment(new Date(d), account.batchTime);
    if (moment > from && moment <= to) await closeBatch(account, moment);
  }
}
