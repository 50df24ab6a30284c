import type { z } from "zod";
import { InvalidRequest, NotFound, Unauthorized, Unavailable, type GatewayError } from "../errors";
import { cleanGatewayMessage, fieldErrorsFromMessage } from "./field-errors";

/**
 * Raw HTTP to the Gateway API: auth header, JSON, a timeout on every call, error mapping to domain errors, and
 * retries — only where a repeat cannot do harm: reads, and writes carrying an idempotency key (the gateway
 * answers a repeated key with the original transaction). A charge without its key is never retried.
 */

export interface FluidPayClientOptions {
  /** e.g. https://app.fluidpay.com/api or <appUrl>/sandbox/gateway/api (no trailing slash needed). */
  baseUrl: string;
  /** Private `api_…` key, sent raw in `Authorization`. */
  apiKey: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Extra attempts for retry-safe calls. */
  retries?: number;
  /** First backoff; doubles per attempt, plus jitter. */
  backoffMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface CallOptions {
  method: "GET" | "POST" | "DELETE";
  /** Relative to the base URL, starting with "/", e.g. "/transaction/abc/void". */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  form?: FormData;
  /** A write carrying an idempotency key may be retried (the key makes the repeat harmless). */
  idempotencyKey?: string;
  /** A POST that only reads (searches, fee lookups): safe to retry like a GET. */
  readOnly?: boolean;
  timeoutMs?: number;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FluidPayClient {
  readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly doFetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: FluidPayClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 150;
    this.doFetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? sleepFor;
  }

  /** Calls and parses the JSON answer with `schema` (a failed parse is `Unavailable("bad_response")`). */
  async json<S extends z.ZodType>(call: CallOptions, schema: S): Promise<z.infer<S>> {
    const { body, correlationId } = await this.send(call);
    let parsed: unknown;
    try {
      parsed = body === "" ? {} : JSON.parse(body);
    } catch (cause) {
      throw tag(
        new Unavailable({
          reason: "bad_response",
          message: `${call.path}: response is not JSON`,
          // A 2xx to a write means the gateway acted, even if we cannot read what it said.
          maybeProcessed: call.method !== "GET",
          cause,
        }),
        correlationId,
      );
    }
    if (isFailedEnvelope(parsed)) {
      throw tag(toInvalidRequest(200, (parsed as { msg?: string }).msg), correlationId);
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      const where = result.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
        .join("; ");
      throw tag(
        new Unavailable({
          reason: "bad_response",
          message: `${call.path}: unexpected response shape (${where})`,
          maybeProcessed: call.method !== "GET",
        }),
        correlationId,
      );
    }
    return result.data;
  }

  /** Calls and returns the body as text (CSV downloads). */
  async text(call: CallOptions): Promise<string> {
    return (await this.send(call)).body;
  }

  private retrySafe(call: CallOptions): boolean {
    return call.method === "GET" || call.readOnly === true || Boolean(call.idempotencyKey);
  }

  private async send(call: CallOptions): Promise<{ body: string; correlationId: string | null }> {
    const attempts = this.retrySafe(call) ? this.retries + 1 : 1;
    let lastError: GatewayError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        const base = this.backoffMs * 2 ** (attempt - 1);
        await this.sleep(base + Math.floor(Math.random() * (base / 2)));
      }
      try {
        return await this.once(call);
      } catch (err) {
        if (!(err instanceof Unavailable) || !err.retryable) throw err;
        lastError = err;
      }
    }
    throw lastError!;
  }

  private async once(call: CallOptions): Promise<{ body: string; correlationId: string | null }> {
    const url = new URL(this.baseUrl + call.path);
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers: Record<string, string> = { Authorization: this.apiKey, Accept: "application/json" };
    let body: BodyInit | undefined;
    if (call.form) body = call.form;
    else if (call.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(call.body);
    }
    const isWrite = call.method !== "GET";
    let res: Response;
    let text: string;
    try {
      res = await this.doFetch(url, {
        method: call.method,
        headers,
        body,
        signal: AbortSignal.timeout(call.timeoutMs ?? this.timeoutMs),
        redirect: "error",
      });
      text = await res.text();
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
      throw new Unavailable({
        reason: timedOut ? "timeout" : "network",
        message: `${call.method} ${call.path}: ${timedOut ? "timed out" : "network error"}`,
        // Once a write left this process we cannot know whether the gateway acted on it.
        maybeProcessed: isWrite,
        cause,
      });
    }
    const correlationId = res.headers.get("x-correlation-id");
    if (res.ok) return { body: text, correlationId };
    throw tag(errorFor(res.status, text, call, isWrite), correlationId);
  }
}

function isFailedEnvelope(v: unknown): boolean {
  return typeof v === "object" && v !== null && (v as { status?: unknown }).status === "failed";
}

function messageOf(text: string): string | undefined {
  try {
    const j = JSON.parse(text) as { msg?: unknown; message?: unknown };
    if (typeof j.msg === "string") return j.msg;
    if (typeof j.message === "string") return j.message;
  } catch {
    // Not JSON (a proxy's HTML error page): no gateway message to use.
  }
  return undefined;
}

function toInvalidRequest(status: number, msg: string | undefined): GatewayError {
  const cleaned = cleanGatewayMessage(msg);
  if (/not found|does not exist|no record/i.test(cleaned)) return new NotFound(cleaned || "not found");
  return new InvalidRequest(cleaned, fieldErrorsFromMessage(msg), status);
}

function errorFor(status: number, text: string, call: CallOptions, isWrite: boolean): GatewayError {
  const msg = messageOf(text);
  if (status === 401 || status === 403) return new Unauthorized(cleanGatewayMessage(msg) || `HTTP ${status}`);
  if (status === 404) return new NotFound(cleanGatewayMessage(msg) || `${call.path} not found`);
  if (status === 408 || status === 429 || status >= 500) {
    return new Unavailable({
      reason: status === 429 ? "rate_limited" : status === 408 ? "timeout" : "server_error",
      message: `${call.method} ${call.path}: HTTP ${status}${msg ? ` (${cleanGatewayMessage(msg)})` : ""}`,
      status,
      // 429 means "not processed"; a 5xx on a write may have happened after the gateway acted.
      maybeProcessed: isWrite && status !== 429,
    });
  }
  return toInvalidRequest(status, msg);
}

function tag<E extends GatewayError>(err: E, correlationId: string | null): E {
  err.correlationId = correlationId;
  return err;
}
