import { seal, unseal } from "../../secrets";
import { getAccount } from "../core/accounts";
import { accountNow } from "../core/clock";
import { GatewayError } from "../core/envelope";
import { q } from "../core/schema";
import type { Account } from "../core/types";
import { captureTxn, refundTxn } from "../transactions/lifecycle";
import { processTransaction } from "../transactions/process";
import { TXN_ADDRESS_FIELDS } from "../core/fields";

/**
 * File batches run in the background, one row at a time, each through the same transaction code
 * path as the API. Each row carries an idempotency key derived from the batch and line, so a run that
 * resumes after a restart never charges a row twice. Input rows (which hold card numbers) are sealed.
 */
const PURPOSE = "sandbox-gateway-filebatch";
const running = new Set<string>();

export type Row = Record<string, string>;

export interface RowResult {
  line: number;
  transaction_id: string;
  status: string;
  response_code: number | "";
  msg: string;
}

export function sealRows(rows: Row[]): string {
  return seal(JSON.stringify(rows), PURPOSE);
}

export function unsealRows(sealed: string): Row[] {
  return JSON.parse(unseal(sealed, PURPOSE)) as Row[];
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === "") return undefined;
  return /^\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
}

function address(row: Row, prefix: "billing" | "shipping") {
  const out: Record<string, string> = {};
  for (const f of TXN_ADDRESS_FIELDS) {
    const v = row[`${prefix}_${f}`];
    if (v) out[f] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Maps one CSV row to a transaction body (unknown numbers become validation errors downstream). */
export function rowToBody(row: Row, key: string): Record<string, unknown> {
  const pm: Record<string, unknown> = {};
  if (row.cc_number) {
    pm.card = { entry_type: "keyed", number: row.cc_number, expiration_date: row.cc_expiration ?? "" };
    if (row.cc_cvc) (pm.card as Record<string, unknown>).cvc = row.cc_cvc;
  }
  if (row.ach_account_number || row.ach_routing_number) {
    pm.ach = {
      account_number: row.ach_account_number ?? "",
      routing_number: row.ach_routing_number ?? "",
      account_type: (row.ach_account_type ?? "").toLowerCase(),
      sec_code: (row.ach_sec_code ?? "").toLowerCase(),
    };
  }
  if (row.customer_id) pm.customer = { id: row.customer_id };
  const body: Record<string, unknown> = {
    type: row.transaction_type,
    amount: num(row.amount),
    shipping_amount: num(row.shipping_amount),
    tax_amount: num(row.tax_amount),
    discount_amount: num(row.discount_amount),
    order_id: row.order_id || undefined,
    po_number: row.po_number || undefined,
    description: row.description || undefined,
    tax_exempt: row.tax_exempt ? row.tax_exempt.toLowerCase() === "true" : undefined,
    email_address: row.email_address || undefined,
    processor_id: row.processor_id || undefined,
    billing_address: address(row, "billing"),
    shipping_address: address(row, "shipping"),
    payment_method: pm,
    idempotency_key: key,
  };
  if (row.transaction_type === "verification") body.amount = undefined;
  return body;
}

async function runRow(account: Account, batchId: string, line: number, row: Row): Promise<RowResult> {
  const now = await accountNow(account.id);
  const type = (row.transaction_type ?? "").toLowerCase();
  const base = { line, transaction_id: "", status: "failed", response_code: "" as const };
  try {
    if (type === "capture" || type === "refund") {
      const id = row.transaction_id ?? "";
      if (!id) return { ...base, msg: `transaction_id is required for ${type}` };
      const amount = num(row.amount);
      if (Number.isNaN(amount)) return { ...base, msg: "invalid amount" };
      const t =
        type === "capture"
          ? await captureTxn(account, id, { amount }, now)
          : await refundTxn(account, id, { amount }, now);
      return { line, transaction_id: t.id, status: t.status, response_code: t.response_code as number, msg: "success" };
    }
    if (Number.isNaN(num(row.amount))) return { ...base, msg: "invalid amount" };
    const r = await processTransaction(
      account,
      rowToBody({ ...row, transaction_type: type }, `filebatch:${batchId}:${line}`),
      {
        source: "batch",
        now,
      },
    );
    if (r.error || !r.data) return { ...base, msg: r.error ?? "failed" };
    return {
      line,
      transaction_id: r.data.id as string,
      status: r.data.status as string,
      response_code: r.data.response_code as number,
      msg: r.data.response as string,
    };
  } catch (err) {
    if (err instanceof GatewayError) return { ...base, msg: err.message };
    return { ...base, msg: "internal error" };
  }
}

export async function runFileBatch(accountId: string, batchId: string): Promise<void> {
  if (running.has(batchId)) return;
  running.add(batchId);
  try {
    const account = await getAccount(accountId);
    const r = await q<{ input_sealed: string; processed_lines: number; status: string }>(
      `select input_sealed, processed_lines, status from sandbox_gateway.filebatches where account_id = $1 and id = $2`,
      [accountId, batchId],
    );
    const b = r.rows[0];
    if (!account || !b || b.status !== "pending") return;
    const rows = unsealRows(b.input_sealed);
    for (let i = b.processed_lines; i < rows.length; i++) {
      const result = await runRow(account, batchId, i + 1, rows[i] as Row);
      await q(
        `update sandbox_gateway.filebatches set processed_lines = $3, results = results || $4::jsonb where account_id = $1 and id = $2`,
        [accountId, batchId, i + 1, JSON.stringify([result])],
      );
    }
    await q(`update sandbox_gateway.filebatches set status = 'completed' where account_id = $1 and id = $2`, [
      accountId,
      batchId,
    ]);
  } finally {
    running.delete(batchId);
  }
}

/** Starts (or resumes) a batch in the background after a short, observable `pending` moment. */
export function startFileBatch(accountId: string, batchId: string, delayMs = 300): void {
  const t = setTimeout(() => {
    runFileBatch(accountId, batchId).catch(() => undefined);
  }, delayMs);
  t.unref();
}

export function isRunning(batchId: string): boolean {
  return running.has(batchId);
}
