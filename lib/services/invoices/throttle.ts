import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getPool } from "@/db/client";
import { UserError } from "@/lib/errors";

/**
 * Pay-page throttling, shared by every app instance through PostgreSQL (like login throttling). Views and
 * payment attempts are counted per link and per client address; a link or address over its budget waits out
 * the window. The budgets leave room for a family paying one invoice from several devices.
 */
export const WINDOW_SECONDS = 10 * 60;
export const LIMITS = {
  viewToken: 120,
  viewIp: 600,
  payToken: 40,
  payIp: 120,
} as const;

type Kind = keyof typeof LIMITS;
let limiters: Record<Kind, RateLimiterPostgres> | undefined;

function get(): Record<Kind, RateLimiterPostgres> {
  const make = (kind: Kind) =>
    new RateLimiterPostgres({
      storeClient: getPool(),
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: `pay_${kind}`,
      points: LIMITS[kind],
      duration: WINDOW_SECONDS,
    });
  limiters ??= {
    viewToken: make("viewToken"),
    viewIp: make("viewIp"),
    payToken: make("payToken"),
    payIp: make("payIp"),
  };
  return limiters;
}

async function consume(kinds: [Kind, string][]): Promise<boolean> {
  const l = get();
  const results = await Promise.allSettled(kinds.map(([k, key]) => l[k].consume(key)));
  return results.every((r) => r.status === "fulfilled" || !(r.reason instanceof RateLimiterRes));
}

/** False when this link or address has opened the page too often in the window. */
export function allowView(tokenHash: string, ip: string): Promise<boolean> {
  return consume([
    ["viewToken", tokenHash],
    ["viewIp", ip],
  ]);
}

export async function assertPayAllowed(tokenHash: string, ip: string): Promise<void> {
  const ok = await consume([
    ["payToken", tokenHash],
    ["payIp", ip],
  ]);
  if (!ok) throw new UserError("rate_limited", "Too many payment attempts. Please wait a few minutes and try again.");
}
