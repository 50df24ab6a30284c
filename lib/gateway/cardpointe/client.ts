import type { z } from "zod";
import { InvalidRequest, NotFound, Unauthorized, Unavailable, type GatewayError } from "../errors";

/**
 * Raw HTTP to the CardPointe Gateway REST API (`…/cardconnect/rest`): HTTP Basic per site, JSON with string values,
 * PUT for writes (the official SDKs' verb; the API takes POST too), a timeout on every call, errors mapped to domain
 * errors. Retries only for reads (GET): CardPointe has no idempotency key, so a repeated write could charge twice.
 * The adapter makes writes safe itself (orderid + inquireByOrderid after a timeout, see adapter-transactions.ts).
 */

export interface CardPointeClientOptions {
  /** …/cardconnect/rest (no trailing slash needed). */
  baseUrl: string;
  username: string;
  password: string;
  /** Per attempt. CardPointe answers a processor timeout itself at 32 s, so the default leaves room for it. */
  timeoutMs?: number;
  /** Extra attempts for reads. */
  retries?: number;
  backoffMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface ReadCall {
  /** Relative to the base, starting with "/", e.g. "/inquire/123/456". */
  path: string;
  query?: Record<string, string | undefined>;
  timeoutMs?: number;
}

export interface WriteCall {
  method?: "PUT" | "DELETE";
  path: string;
  body?: Record<string, unknown>;
  timeoutMs?: number;
}

/** The gateway's processor timeout is 31 s + 1 s; wait a little longer than that before giving up. */
export const DEFAULT_TIMEOUT_MS = 40_000;

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class CardPointeClient {
  readonly baseUrl: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly doFetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: CardPointeClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString("base64")}`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 200;
    this.doFetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? sleepFor;
  }

  /** GET, retried on transient failures; the body as text (settlestat answers the text `Null batches`). */
  async getText(call: ReadCall): Promise<string> {
    let lastError: GatewayError | undefined;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) {
        const base = this.backoffMs * 2 ** (attempt - 1);
        await this.sleep(base + Math.floor(Math.random() * (base / 2)));
      }
      try {
        return await this.once("GET", call.path, call.query, undefined, call.timeoutMs);
      } catch (err) {
        if (!(err instanceof Unavailable) || !err.retryable) throw err;
        lastError = err;
      }
    }
    throw lastError!;
  }

  async get<S extends z.ZodType>(call: ReadCall, schema: S): Promise<z.infer<S>> {
    return parse(await this.getText(call), schema, call.path, false);
  }

  /** PUT/DELETE, sent once: a write is never repeated by the client. */
  async write<S extends z.ZodType>(call: WriteCall, schema: S): Promise<z.infer<S>> {
    const text = await this.once(call.method ?? "PUT", call.path, undefined, call.body, call.timeoutMs);
    return parse(text, schema, call.path, true);
  }

  private async once(
    method: "GET" | "PUT" | "DELETE",
    path: string,
    query: Record<string, string | undefined> | undefined,
    body: Record<string, unknown> | undefined,
    timeoutMs: number | undefined,
  ): Promise<string> {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers: Record<string, string> = { Authorization: this.authorization, Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const isWrite = method !== "GET";
    let res: Response;
    let text: string;
    try {
      res = await this.doFetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs ?? this.timeoutMs),
        redirect: "error",
      });
      text = await res.text();
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
      throw new Unavailable({
        reason: timedOut ? "timeout" : "network",
        message: `${method} ${path}: ${timedOut ? "timed out" : "network error"}`,
        maybeProcessed: isWrite,
        cause,
      });
    }
    if (res.ok) return text;
    throw errorFor(res, text, method, path, isWrite);
  }
}

function parse<S extends z.ZodType>(text: string, schema: S, path: string, isWrite: boolean): z.infer<S> {
  let json: unknown;
  try {
    json = text === "" ? {} : JSON.parse(text);
  } catch (cause) {
    throw new Unavailable({
      reason: "bad_response",
      message: `${path}: response is not JSON`,
      maybeProcessed: isWrite,
      cause,
    });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const where = result.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    throw new Unavailable({
      reason: "bad_response",
      message: `${path}: unexpected response shape (${where})`,
      maybeProcessed: isWrite,
    });
  }
  return result.data;
}

function errorFor(res: Response, text: string, method: string, path: string, isWrite: boolean): GatewayError {
  const status = res.status;
  // Never echo the body into messages beyond a short, card-free snippet: gateway errors carry no PAN, but be strict.
  const snippet = text.replace(/\d{12,19}/g, "[number]").slice(0, 120);
  if (status === 401 || status === 403) return new Unauthorized(`CardPointe rejected the credentials (HTTP ${status})`);
  if (status === 404) return new NotFound(`${path} not found`);
  if (status === 408 || status === 429 || status >= 500) {
    return new Unavailable({
      reason: status === 429 ? "rate_limited" : status === 408 ? "timeout" : "server_error",
      message: `${method} ${path}: HTTP ${status}${snippet ? ` (${snippet})` : ""}`,
      status,
      maybeProcessed: isWrite && status !== 429,
    });
  }
  return new InvalidRequest(snippet || `HTTP ${status}`, [], status);
}
