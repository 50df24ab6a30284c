import { GatewayError, badRequest } from "../core/envelope";
import { withTx } from "../core/schema";
import type { Account } from "../core/types";
import { WEBHOOK_EVENTS, emitWebhook } from "../core/webhooks";
import { build, type ProcessOpts } from "./build";
import { insertTxn, loadTxn, type TxnData, type TxnInternal } from "./store";
import { scheduleTerminalResolution } from "./terminal";
import { validateTransaction, type TxnRequest } from "./validate";

export { PROCESSOR, type ProcessOpts } from "./build";

export interface ProcessResult {
  httpStatus: number;
  data?: Record<string, unknown>;
  error?: string;
}

/**
 * The one code path that validates and runs sale / authorize / verification / credit, for the API
 * route, the billing engine, invoice payments and file batches. With an idempotency key, requests
 * for the same key are serialised by a transaction-scoped advisory lock, and inside the window the
 * first transaction is returned again — never a second charge, also under concurrency.
 */
export async function processTransaction(account: Account, body: unknown, opts: ProcessOpts): Promise<ProcessResult> {
  let req: TxnRequest;
  try {
    req = validateTransaction(body, opts.source !== "api");
  } catch (err) {
    if (err instanceof GatewayError) return { httpStatus: err.httpStatus, error: err.message };
    throw err;
  }
  try {
    const result = await withTx(async (c) => {
      const key = req.idempotency_key;
      if (key) {
        await c.query("select pg_advisory_xact_lock(hashtext($1))", [`sandbox_gateway_idem:${account.id}:${key}`]);
        const existing = await c.query<{ data: TxnData }>(
          `select t.data from sandbox_gateway.idempotency i
           join sandbox_gateway.transactions t on t.id = i.transaction_id
           where i.account_id = $1 and i.key = $2 and i.expires_at > $3`,
          [account.id, key, opts.now],
        );
        if (existing.rows[0]) return { data: existing.rows[0].data, created: false, internal: {} as TxnInternal };
      }
      const p = await c.query<{ processor_id: string }>(
        `select processor_id from sandbox_gateway.accounts where id = $1`,
        [account.id],
      );
      const processorId = p.rows[0]?.processor_id ?? "";
      if (req.processor_id && req.processor_id !== processorId) throw badRequest("invalid processor_id");
      // Seed 003 line 499: initial_transaction_id is "the transaction id used when storing the payment" —
      // a transaction of this account, else the request is refused.
      if (req.initial_transaction_id && !(await loadTxn(c, account.id, req.initial_transaction_id)))
        throw badRequest("invalid initial_transaction_id");
      const built = await build(c, account, req, opts, processorId);
      await insertTxn(c, account.id, built.data, built.internal);
      if (key) {
        await c.query(
          `insert into sandbox_gateway.idempotency (account_id, key, transaction_id, expires_at) values ($1,$2,$3,$4)
           on conflict (account_id, key) do update set transaction_id = excluded.transaction_id, expires_at = excluded.expires_at`,
          [account.id, key, built.data.id, new Date(opts.now.getTime() + req.idempotency_time * 1000)],
        );
      }
      return { ...built, created: true };
    });
    if (result.created) {
      await emitWebhook(account.id, WEBHOOK_EVENTS.transactionCreate, result.data).catch(() => undefined);
      if (result.data.status === "pending" && result.internal.terminalResolveAt)
        scheduleTerminalResolution(account.id, result.data.id, result.internal.terminalResolveAt);
    }
    return { httpStatus: 200, data: result.data };
  } catch (err) {
    if (err instanceof GatewayError) return { httpStatus: err.httpStatus, error: err.message };
    throw err;
  }
}
