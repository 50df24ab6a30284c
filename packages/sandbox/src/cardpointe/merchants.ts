import type { Processor } from "./cards";
import type { Queryable } from "./db";
import { db, withTx } from "./db";
import type { Environment } from "./host";
import { newMerchid, newSecret } from "./ids";

export interface Merchant {
  merchid: string;
  site: string;
  environment: Environment;
  username: string;
  password: string;
  terminal_api_key: string;
  processor: Processor;
  currency: string;
  dba: string;
  clock_offset_seconds: number;
  terminal_delay_ms: number;
  fault_latency_ms: number;
  fault_error_rate: number;
  fault_timeout_rate: number;
  fault_fail_next: number;
  rate_limit_per_minute: number;
  /** Entitled to capture more than was authorized (tip adjust; CardPointeGatewayAPI.yaml L239). */
  tip_adjust: boolean;
}

export interface TerminalInfo {
  hsn: string;
  behavior: "approve" | "decline" | "timeout";
  device_type: string;
}

export interface CreatedMerchant {
  merchid: string;
  processor: Processor;
  site: string;
  environment: Environment;
  username: string;
  password: string;
  terminal_api_key: string;
  /** The terminal that approves. */
  hsn: string;
  hsns: TerminalInfo[];
}

export interface CreateMerchantOptions {
  site?: string;
  environment?: Environment;
  dba?: string;
  /** Real milliseconds a simulated card-present interaction takes. */
  terminalDelayMs?: number;
  /** Card processor the MID is boarded to (UAT test MIDs: FNOR). */
  processor?: Processor;
  /** Where the merchant's clock starts (a moment in the past); default: real time. */
  startAt?: Date;
}

const TERMINAL_MODELS: Record<TerminalInfo["behavior"], { prefix: string; device: string }> = {
  approve: { prefix: "C032UQ", device: "Clover Mini 2" },
  decline: { prefix: "14012PP", device: "iSC250 Touch" },
  timeout: { prefix: "15225SC", device: "Lane/3000" },
};

function hsnFor(prefix: string): string {
  const n = prefix.length;
  let out = prefix;
  while (out.length < n + 8) out += String(Math.floor(Math.random() * 10));
  return out;
}

export async function createMerchant(opts: CreateMerchantOptions = {}): Promise<CreatedMerchant> {
  const site = (opts.site ?? "fts").toLowerCase();
  if (!/^[a-z0-9][a-z0-9]{0,40}$/.test(site)) throw new Error("site must be lowercase letters and digits");
  const environment = opts.environment ?? "uat";
  const username = `${site}${environment === "uat" ? "uat" : ""}_${newSecret(4)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x")}`;
  const password = newSecret(12);
  const apiKey = newSecret(24);
  // A start in the past puts the merchant's clock there (demo history); it only moves forward from it.
  const offsetSeconds = opts.startAt ? Math.min(0, Math.trunc((opts.startAt.getTime() - Date.now()) / 1000)) : 0;
  return withTx(async (c) => {
    let merchid = newMerchid();
    for (;;) {
      const r = await c.query(
        `insert into sandbox_cardpointe.merchants
           (merchid, site, environment, username, password, terminal_api_key, dba, terminal_delay_ms, processor,
            clock_offset_seconds)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) on conflict (merchid) do nothing`,
        [
          merchid,
          site,
          environment,
          username,
          password,
          apiKey,
          opts.dba ?? "Sandbox Merchant",
          opts.terminalDelayMs ?? 1500,
          opts.processor ?? "FNOR",
          offsetSeconds,
        ],
      );
      if (r.rowCount === 1) break;
      merchid = newMerchid();
    }
    const hsns: TerminalInfo[] = [];
    for (const behavior of ["approve", "decline", "timeout"] as const) {
      const model = TERMINAL_MODELS[behavior];
      for (;;) {
        const hsn = hsnFor(model.prefix);
        const r = await c.query(
          `insert into sandbox_cardpointe.terminals (hsn, merchid, behavior, device_type)
           values ($1,$2,$3,$4) on conflict (hsn) do nothing`,
          [hsn, merchid, behavior, model.device],
        );
        if (r.rowCount === 1) {
          hsns.push({ hsn, behavior, device_type: model.device });
          break;
        }
      }
    }
    return {
      merchid,
      processor: opts.processor ?? "FNOR",
      site,
      environment,
      username,
      password,
      terminal_api_key: apiKey,
      hsn: hsns[0]!.hsn,
      hsns,
    };
  });
}

export async function getMerchant(merchid: string, q?: Queryable): Promise<Merchant | undefined> {
  const r = await (q ?? (await db())).query<Merchant>(`select * from sandbox_cardpointe.merchants where merchid = $1`, [
    merchid,
  ]);
  return r.rows[0];
}

export async function merchantByApiKey(key: string): Promise<Merchant | undefined> {
  const r = await (
    await db()
  ).query<Merchant>(`select * from sandbox_cardpointe.merchants where terminal_api_key = $1`, [key]);
  return r.rows[0];
}

/** The merchant's simulated "now". */
export function nowFor(m: Pick<Merchant, "clock_offset_seconds">): Date {
  return new Date(Date.now() + Number(m.clock_offset_seconds) * 1000);
}

export async function advanceClock(merchid: string, seconds: number): Promise<Merchant | undefined> {
  const r = await (
    await db()
  ).query<Merchant>(
    `update sandbox_cardpointe.merchants set clock_offset_seconds = clock_offset_seconds + $2
     where merchid = $1 returning *`,
    [merchid, Math.trunc(seconds)],
  );
  return r.rows[0];
}

/** Test hook: the processor-side entitlement to capture above the authorized amount (tip adjust). */
export async function setTipAdjust(merchid: string, on: boolean): Promise<Merchant | undefined> {
  const r = await (
    await db()
  ).query<Merchant>(`update sandbox_cardpointe.merchants set tip_adjust = $2 where merchid = $1 returning *`, [
    merchid,
    on,
  ]);
  return r.rows[0];
}
