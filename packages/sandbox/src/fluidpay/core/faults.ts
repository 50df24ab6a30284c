import { fail } from "./envelope";
import { q } from "./schema";

/** How long an injected timeout holds the request before answering 504 (longer than sane client timeouts). */
export const TIMEOUT_HOLD_MS = 10_000;

export interface Fault {
  path_prefix: string;
  error_rate: number;
  latency_ms: number;
  timeout_rate: number;
  /**
   * Share of requests that are PROCESSED (the charge is accepted and committed) and then answered like a timeout:
   * held, then 504 — the client cannot tell whether anything happened (tests of exactly-once retries).
   */
  timeout_after_commit_rate: number;
}

/** What the router does with a request: answer now (a fault), or process it and then time out. */
export type FaultOutcome = Response | { afterCommit: true } | undefined;

export async function setFault(accountId: string, f: Fault): Promise<void> {
  await q(
    `insert into sandbox_gateway.faults (account_id, path_prefix, error_rate, latency_ms, timeout_rate, timeout_after_commit_rate)
     values ($1,$2,$3,$4,$5,$6)
     on conflict (account_id, path_prefix) do update set error_rate = excluded.error_rate,
       latency_ms = excluded.latency_ms, timeout_rate = excluded.timeout_rate,
       timeout_after_commit_rate = excluded.timeout_after_commit_rate`,
    [accountId, f.path_prefix, f.error_rate, f.latency_ms, f.timeout_rate, f.timeout_after_commit_rate],
  );
}

/** Clears one prefix, or every fault of the account when `pathPrefix` is undefined; returns how many. */
export async function clearFaults(accountId: string, pathPrefix?: string): Promise<number> {
  const r =
    pathPrefix === undefined
      ? await q(`delete from sandbox_gateway.faults where account_id = $1`, [accountId])
      : await q(`delete from sandbox_gateway.faults where account_id = $1 and path_prefix = $2`, [
          accountId,
          pathPrefix,
        ]);
  return r.rowCount ?? 0;
}

export async function listFaults(accountId: string): Promise<Fault[]> {
  const r = await q<Fault>(
    `select path_prefix, error_rate, latency_ms, timeout_rate, timeout_after_commit_rate
     from sandbox_gateway.faults where account_id = $1 order by path_prefix`,
    [accountId],
  );
  return r.rows;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Applies the most specific fault whose prefix matches `path` (path after /sandbox/gateway):
 * latency first, then maybe a timeout (held, then 504) or an error (500), or — timeout after commit — tells the
 * router to process the request and then answer with `timeoutAfterCommit()`; otherwise undefined.
 */
export async function applyFaults(accountId: string, path: string, random = Math.random): Promise<FaultOutcome> {
  const faults = await listFaults(accountId);
  const match = faults
    .filter((f) => path.startsWith(f.path_prefix))
    .sort((a, b) => b.path_prefix.length - a.path_prefix.length)[0];
  if (!match) return undefined;
  if (match.latency_ms > 0) await sleep(match.latency_ms);
  if (match.timeout_rate > 0 && random() < match.timeout_rate) {
    await sleep(TIMEOUT_HOLD_MS);
    return fail(504, "gateway timeout");
  }
  if (match.error_rate > 0 && random() < match.error_rate) return fail(500, "internal server error");
  if (match.timeout_after_commit_rate > 0 && random() < match.timeout_after_commit_rate) return { afterCommit: true };
  return undefined;
}

/** The answer to a request that was processed and committed: held like a timeout, then 504 (result lost). */
export async function timeoutAfterCommit(): Promise<Response> {
  await sleep(TIMEOUT_HOLD_MS);
  return fail(504, "gateway timeout");
}
