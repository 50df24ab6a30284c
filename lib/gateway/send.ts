import "server-only";
import { Unavailable } from "./errors";

/**
 * The one HTTP sender of the provider clients (FluidPay, CardPointe, gift cards, CoPilot). It owns the policy they
 * share; each client keeps only its wire format (URL, auth, body encoding, how a 4xx reads).
 *
 * - A timeout on every attempt.
 * - Retries only for calls that are safe to repeat — reads, and writes the provider deduplicates (an idempotency
 *   key, a gift card PosRef). A CardPointe charge (a PUT without any key) is sent once: the caller marks it unsafe.
 * - Transient failures are retried: network errors, timeouts, 408, 429 and 5xx. Exponential backoff with jitter;
 *   a 429 or 503 that says `Retry-After` is waited out as asked, unless that is longer than `maxRetryAfterMs`, when
 *   the call gives up at once (the caller can tell the person to come back later).
 * - One error mapping for what is not the provider's answer: a network error, a timeout or a transient status that
 *   outlived its retries is `Unavailable` (with `maybeProcessed` when a write may have been acted on). Any other
 *   answer — 2xx or a 4xx the provider phrased — is returned for the client to read in its own format.
 */
export interface SendPolicy {
  /** Per attempt. */
  timeoutMs: number;
  /** Extra attempts for calls that are safe to repeat. */
  retries: number;
  /** First backoff; doubles per attempt, plus up to half of it again at random. */
  backoffMs: number;
  /** The longest `Retry-After` honoured (default 10 s). */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * The transport settings a provider client takes, each optional (the client has its defaults): per-attempt timeout,
 * extra attempts for calls safe to repeat, first backoff; `fetch` and `sleep` are test hooks.
 */
export type ClientSendOptions = Partial<Pick<SendPolicy, "timeoutMs" | "retries" | "backoffMs" | "fetch" | "sleep">>;

export interface SendRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string | URL;
  headers?: Record<string, string>;
  body?: BodyInit;
  /** Safe to send again: a read, or a write the provider deduplicates. Never a charge without a key. */
  retrySafe: boolean;
  /** Overrides the policy's timeout for this call (long card-present or processor waits). */
  timeoutMs?: number;
  /** Names the call in error messages, e.g. "gift card POST /transaction/reload". Never carries a body. */
  label: string;
  /** A short, card-free detail of a failed answer for the message (the provider's own error text). */
  detail?: (text: string) => string | undefined;
  /** Redirects: an error by default (production hosts never redirect an API call). */
  redirect?: RequestRedirect;
  /** The response header carrying the provider's request id, copied onto the error for support tickets. */
  correlationHeader?: string;
  /**
   * Which statuses are transient (retried, then `Unavailable`). Default: 408, 429 and every 5xx. A provider whose
   * documented answers include a 5xx (the Integrated Terminal's `500 {errorCode: 7}` "terminal in use") narrows it
   * so those answers reach the client to be read.
   */
  transient?: (status: number) => boolean;
}

export interface SendResult {
  status: number;
  ok: boolean;
  headers: Headers;
  text: string;
}

const TRANSIENT = (status: number) => status === 408 || status === 429 || status >= 500;
const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `Retry-After` as milliseconds (seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export async function send(req: SendRequest, policy: SendPolicy): Promise<SendResult> {
  const doFetch = policy.fetch ?? fetch;
  const sleep = policy.sleep ?? sleepFor;
  const random = policy.random ?? Math.random;
  const maxRetryAfter = policy.maxRetryAfterMs ?? 10_000;
  const isWrite = req.method !== "GET";
  const attempts = req.retrySafe ? policy.retries + 1 : 1;
  let wait = 0;
  for (let attempt = 1; ; attempt++) {
    if (wait > 0) await sleep(wait);
    let res: Response;
    let text: string;
    try {
      res = await doFetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: AbortSignal.timeout(req.timeoutMs ?? policy.timeoutMs),
        redirect: req.redirect ?? "error",
        // A provider's answer is never served from a cache (Next.js patches fetch on the server).
        cache: "no-store",
      });
      text = await res.text();
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
      if (attempt < attempts) {
        wait = backoff(policy.backoffMs, attempt, random);
        continue;
      }
      throw new Unavailable({
        reason: timedOut ? "timeout" : "network",
        message: `${req.label}: ${timedOut ? "timed out" : "network error"}`,
        // Once a write left this process nobody knows whether the provider acted on it.
        maybeProcessed: isWrite,
        cause,
      });
    }
    if (!(req.transient ?? TRANSIENT)(res.status))
      return { status: res.status, ok: res.ok, headers: res.headers, text };
    const asked = res.status === 429 || res.status === 503 ? retryAfterMs(res.headers.get("retry-after")) : null;
    if (attempt < attempts && (asked === null || asked <= maxRetryAfter)) {
      wait = asked ?? backoff(policy.backoffMs, attempt, random);
      continue;
    }
    const detail = req.detail?.(text);
    const err = new Unavailable({
      reason: res.status === 429 ? "rate_limited" : res.status === 408 ? "timeout" : "server_error",
      message: `${req.label}: HTTP ${res.status}${detail ? ` (${detail})` : ""}`,
      status: res.status,
      // A 429 was refused unprocessed; a 5xx to a write may have come after the provider acted.
      maybeProcessed: isWrite && res.status !== 429,
    });
    if (req.correlationHeader) err.correlationId = res.headers.get(req.correlationHeader);
    throw err;
  }
}

function backoff(baseMs: number, attempt: number, random: () => number): number {
  const base = baseMs * 2 ** (attempt - 1);
  return base + Math.floor(random() * (base / 2));
}
