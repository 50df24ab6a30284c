import { RateLimiterPostgres, type RateLimiterRes } from "rate-limiter-flexible";
import { getPool } from "@/db/client";

/**
 * Login throttling, shared by every app instance through PostgreSQL.
 * Per account: 10 failures in 15 minutes lock the account for the rest of the window (a correct
 * password is refused too). Per IP: 50 failures in 15 minutes.
 */
export const ACCOUNT_FAILURES = 10;
export const IP_FAILURES = 50;
export const WINDOW_SECONDS = 15 * 60;

let limiters: { account: RateLimiterPostgres; ip: RateLimiterPostgres } | undefined;

function get() {
  limiters ??= {
    account: new RateLimiterPostgres({
      storeClient: getPool(),
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: "login_account",
      points: ACCOUNT_FAILURES,
      duration: WINDOW_SECONDS,
    }),
    ip: new RateLimiterPostgres({
      storeClient: getPool(),
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: "login_ip",
      points: IP_FAILURES,
      duration: WINDOW_SECONDS,
    }),
  };
  return limiters;
}

function exhausted(res: RateLimiterRes | null, limit: number): boolean {
  return res !== null && res.consumedPoints >= limit;
}

/** True when this account or IP must not try again yet. */
export async function isLoginThrottled(email: string, ip: string): Promise<boolean> {
  const l = get();
  const [a, i] = await Promise.all([l.account.get(email), l.ip.get(ip)]);
  return exhausted(a, ACCOUNT_FAILURES) || exhausted(i, IP_FAILURES);
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  const l = get();
  // consume() rejects once the limit is passed; the failure is recorded either way.
  await Promise.allSettled([l.account.consume(email), l.ip.consume(ip)]);
}

export async function clearLoginFailures(email: string): Promise<void> {
  await get().account.delete(email);
}
