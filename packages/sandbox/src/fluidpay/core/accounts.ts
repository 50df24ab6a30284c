import { newId, newKey } from "./ids";
import { q, withTx } from "./schema";
import type { Account } from "./types";

interface AccountRow {
  id: string;
  merchant_id: string;
  api_key: string;
  public_key: string;
  name: string;
  batch_time: string;
  processor_id: string;
}

export function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    merchantId: r.merchant_id,
    apiKey: r.api_key,
    publicKey: r.public_key,
    name: r.name,
    batchTime: r.batch_time,
  };
}

/** Placeholder account for routes that authenticate themselves (`auth: "none"`). */
export const NO_ACCOUNT: Account = { id: "", merchantId: "", apiKey: "", publicKey: "", name: "", batchTime: "" };

/** The test-set TPNs: …1 approves, …2 declines, …3 errors, …4 approves with a tip. */
export const TERMINAL_TPNS = ["000000000001", "000000000002", "000000000003", "000000000004"] as const;
const TERMINAL_NAMES = ["front counter z11", "back office z8", "patio qd4", "bar z11 (tips)"];
const TERMINAL_MODELS = ["z11", "z8", "qd4", "z11"];

export interface CreatedAccount {
  api_key: string;
  public_key: string;
  merchant_id: string;
  /** The account's one (default) processor, for calls that require `processor_id`. */
  processor_id: string;
}

/**
 * `startAt` (a moment in the past) starts the account's simulated clock there instead of at real time, so a demo can
 * build history day by day and advance the clock to the present (it only ever moves forward from there).
 */
export async function createAccount(
  opts: { name?: string; batchTime?: string; startAt?: Date } = {},
): Promise<CreatedAccount> {
  const id = newId();
  const merchantId = newId();
  const apiKey = newKey("api_");
  const publicKey = newKey("pub_");
  const processorId = newId();
  const real = new Date();
  const now = opts.startAt && opts.startAt < real ? opts.startAt : real;
  await withTx(async (c) => {
    await c.query(
      `insert into sandbox_gateway.accounts
         (id, merchant_id, api_key, public_key, name, batch_time, processor_id, last_tick, clock_offset_ms)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [
        id,
        merchantId,
        apiKey,
        publicKey,
        opts.name ?? "Sandbox Merchant",
        opts.batchTime ?? "23:00",
        processorId,
        now,
        now.getTime() - real.getTime(),
      ],
    );
    for (const [i, tpn] of TERMINAL_TPNS.entries()) {
      const terminalId = newId();
      const data = {
        id: terminalId,
        merchant_id: merchantId,
        manufacturer: "dejavoo",
        model: TERMINAL_MODELS[i],
        serial_number: tpn,
        tpn,
        description: TERMINAL_NAMES[i],
        status: "active",
        auth_key: newKey("api_").slice(4, 12),
        register_id: String(i + 1),
        auto_settle: true,
        settle_at: "00:00:00",
        created_at: now.toISOString(),
        updated_at: "0001-01-01T00:00:00Z",
      };
      await c.query(`insert into sandbox_gateway.terminals (id, account_id, tpn, data) values ($1,$2,$3,$4)`, [
        terminalId,
        id,
        tpn,
        data,
      ]);
    }
  });
  return { api_key: apiKey, public_key: publicKey, merchant_id: merchantId, processor_id: processorId };
}

const COLUMNS = "id, merchant_id, api_key, public_key, name, batch_time, processor_id";

export async function findAccountByKey(key: string): Promise<Account | undefined> {
  const column = key.startsWith("pub_") ? "public_key" : "api_key";
  const r = await q<AccountRow>(`select ${COLUMNS} from sandbox_gateway.accounts where ${column} = $1`, [key]);
  return r.rows[0] ? toAccount(r.rows[0]) : undefined;
}

export async function getAccount(accountId: string): Promise<Account | undefined> {
  const r = await q<AccountRow>(`select ${COLUMNS} from sandbox_gateway.accounts where id = $1`, [accountId]);
  return r.rows[0] ? toAccount(r.rows[0]) : undefined;
}

/** The account's default processor (each sandbox account has exactly one, a simulated tsys_sierra). */
export async function getProcessorId(accountId: string): Promise<string> {
  const r = await q<{ processor_id: string }>(`select processor_id from sandbox_gateway.accounts where id = $1`, [
    accountId,
  ]);
  return r.rows[0]?.processor_id ?? "";
}

/** The account behind a key plus its clock state, in one query (the router's hot path). */
export async function findAccountWithClock(
  key: string,
  by: "key" | "id" = "key",
): Promise<{ account: Account; offsetMs: number; lastTick: Date } | undefined> {
  const column = by === "id" ? "id" : key.startsWith("pub_") ? "public_key" : "api_key";
  const r = await q<AccountRow & { clock_offset_ms: number; last_tick: Date }>(
    `select ${COLUMNS}, clock_offset_ms, last_tick from sandbox_gateway.accounts where ${column} = $1`,
    [key],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  return { account: toAccount(row), offsetMs: Number(row.clock_offset_ms), lastTick: new Date(row.last_tick) };
}
