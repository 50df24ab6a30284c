import { randomInt } from "node:crypto";
import { db } from "./db";
import type { Merchant } from "./merchants";

/**
 * Fault injection per merchant, for testing clients: added latency, the next N or a share of requests failing
 * with the service's 500, and a share of authorizations answering PPS 62 "Timed out".
 */
export interface Faults {
  latency_ms: number;
  error_rate: number;
  timeout_rate: number;
  /** The next N requests fail (deterministic, for tests). */
  fail_next: number;
  /** UAT's throttle on funding/inquire/profile/settlestat per client IP; 0 = off. */
  rate_limit_per_minute: number;
  /**
   * The next N card auths are processed and committed, then answered like a lost response (held, then 504): the
   * client cannot tell the charge happened (tests of exactly-once retries).
   */
  timeout_after_commit_next: number;
}

export async function setFaults(merchid: string, f: Partial<Faults>): Promise<Faults | undefined> {
  const r = await (
    await db()
  ).query<{
    fault_latency_ms: number;
    fault_error_rate: number;
    fault_timeout_rate: number;
    fault_fail_next: number;
    rate_limit_per_minute: number;
    fault_timeout_after_commit_next: number;
  }>(
    `update sandbox_cardpointe.merchants set
       fault_latency_ms = coalesce($2, fault_latency_ms),
       fault_error_rate = coalesce($3, fault_error_rate),
       fault_timeout_rate = coalesce($4, fault_timeout_rate),
       fault_fail_next = coalesce($5, fault_fail_next),
       rate_limit_per_minute = coalesce($6, rate_limit_per_minute),
       fault_timeout_after_commit_next = coalesce($7, fault_timeout_after_commit_next)
     where merchid = $1
     returning fault_latency_ms, fault_error_rate, fault_timeout_rate, fault_fail_next, rate_limit_per_minute,
       fault_timeout_after_commit_next`,
    [
      merchid,
      f.latency_ms ?? null,
      f.error_rate ?? null,
      f.timeout_rate ?? null,
      f.fail_next ?? null,
      f.rate_limit_per_minute ?? null,
      f.timeout_after_commit_next ?? null,
    ],
  );
  const row = r.rows[0];
  return row
    ? {
        latency_ms: row.fault_latency_ms,
        error_rate: row.fault_error_rate,
        timeout_rate: row.fault_timeout_rate,
        fail_next: row.fault_fail_next,
        rate_limit_per_minute: row.rate_limit_per_minute,
        timeout_after_commit_next: row.fault_timeout_after_commit_next,
      }
    : undefined;
}

function chance(rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  return randomInt(0, 1_000_000) < rate * 1_000_000;
}

/** Waits the injected latency; true when this request should fail with a 500. */
export async function injectFault(m: Merchant): Promise<boolean> {
  if (m.fault_latency_ms > 0) await new Promise((r) => setTimeout(r, m.fault_latency_ms));
  if (m.fault_fail_next > 0) {
    // Decrement atomically so concurrent requests consume exactly N failures.
    const r = await (
      await db()
    ).query(
      `update sandbox_cardpointe.merchants set fault_fail_next = fault_fail_next - 1
       where merchid = $1 and fault_fail_next > 0`,
      [m.merchid],
    );
    if (r.rowCount === 1) return true;
  }
  return chance(Number(m.fault_error_rate));
}

export function injectTimeout(m: Merchant): boolean {
  return chance(Number(m.fault_timeout_rate));
}

/** How long a "timeout after commit" holds the answer before the 504 (longer than a sane per-attempt wait). */
export const AFTER_COMMIT_HOLD_MS = 10_000;

/** True (consuming one) when this committed auth must be answered as a lost response. */
export async function takeTimeoutAfterCommit(m: Merchant): Promise<boolean> {
  const r = await (
    await db()
  ).query(
    `update sandbox_cardpointe.merchants set fault_timeout_after_commit_next = fault_timeout_after_commit_next - 1
     where merchid = $1 and fault_timeout_after_commit_next > 0`,
    [m.merchid],
  );
  return r.rowCount === 1;
}
