import { RateLimiterPostgres, type RateLimiterRes } from "rate-limiter-flexible";
import { getPool } from "@/db/client";

/**
 * Login throttling, shared by every app instance through PostgreSQL.
 * Per account: 10 failures in 15 minutes lock the account for the rest of the window (a correct
 * password is refused too). Per IP: 50 failures in 15 minutes. A wrong second-factor code counts as a
 * failure of the same account and IP, so the password and the code share one budget.
 * Password-reset requests: 3 per account and 20 per IP per hour.
 */
export const ACCOUNT_FAILURES = 10;
export const IP_FAILURES = 50;
export const WINDOW_SECONDS = 15 * 60;
export const RESET_PER_ACCOUNT = 3;
export const RESET_PER_IP = 20;
export const RESET_WINDOW_SECONDS = 60 * 60;

type Limiters = Record<"account" | "ip" | "resetAccount" | "resetIp", RateLimiterPostgres>;
let limiters: Limiters | undefined;

function limiter(keyPrefix: string, points: number, duration: number) {
  return new RateLimiterPostgres({
    storeClient: getPool(),
    tableName: "rate_limits",
    tableCreated: true,
    keyPrefix,
    points,
    duration,
  });
}

function get(): Limiters {
  limiters ??= {
    account: limiter("login_account", ACCOUNT_FAILURES, WINDOW_SECONDS),
    ip: limiter("login_ip", IP_FAILURES, WINDOW_SECONDS),
    resetAccount: limiter("reset_account", RESET_PER_ACCOUNT, RESET_WINDOW_SECONDS),
    resetIp: limiter("reset_ip", RESET_PER_IP, RESET_WINDOW_SECONDS),
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

/** Counts one reset request; false when this account or IP has asked too often this hour. */
export async function allowResetRequest(email: string, ip: string): Promise<boolean> {
  const l = get();
  const [a, i] = await Promise.allSettled([l.resetAccount.consume(email), l.resetIp.consume(ip)]);
  return a.status === "fulfilled" && i.status === "fulfilled";
}
