import { db } from "../db";
import type { Merchant } from "../merchants";

/**
 * UAT throttles funding, inquire, profile and settlestat per client IP (20 a minute). Opt-in per merchant
 * (`_control/faults {rate_limit_per_minute}`) so ordinary tests are not throttled; counted per real minute.
 */
export const RATE_LIMITED = new Set(["funding", "inquire", "inquirebyorderid", "profile", "settlestat"]);

export type RateDecision = { limited: false; remaining?: number } | { limited: true; retryAfter: number };

export async function rateLimit(req: Request, m: Merchant, endpoint: string): Promise<RateDecision> {
  const limit = Number(m.rate_limit_per_minute);
  if (!limit || m.environment !== "uat" || !RATE_LIMITED.has(endpoint)) return { limited: false };
  const client = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "direct";
  const r = await (
    await db()
  ).query<{ count: number; retry: number }>(
    `insert into sandbox_cardpointe.rate_windows (merchid, client, window_start, count)
     values ($1, $2, date_trunc('minute', now()), 1)
     on conflict (merchid, client, window_start) do update set count = rate_windows.count + 1
     returning count, ceil(extract(epoch from (date_trunc('minute', now()) + interval '1 minute' - now())))::int as retry`,
    [m.merchid, client],
  );
  const row = r.rows[0]!;
  if (row.count > limit) return { limited: true, retryAfter: Math.max(1, row.retry) };
  return { limited: false, remaining: limit - row.count };
}
