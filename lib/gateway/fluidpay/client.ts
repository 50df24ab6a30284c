import "server-only";
import type { z } from "zod";
import { type ClientSendOptions, send, type SendPolicy } from "../send";
import { InvalidRequest, NotFound, Unauthorized, Unavailable, type GatewayError } from "../errors";
import { cleanGatewayMessage, fieldErrorsFromMessage } from "./field-errors";

/**
 * The Gateway API's wire format: auth header, JSON or multipart bodies, the `{status, msg, data}` envelope and its
 * error messages. Transport policy is lib/gateway/send.ts; calls are retry-safe only where a repeat cannot do harm:
 * reads, and writes carrying an idempotency key (the gateway answers a repeated key with the original transaction).
 * A charge without its key is never retried.
 */

export interface FluidPayClientOptions extends ClientSendOptions {
  /** e.g. https://app.fluidpay.com/api or <appUrl>/sandbox/gateway/api (no trailing slash needed). */
  baseUrl: string;
  /** Private `api_…` key, sent raw in `Authorization`. */
  apiKey: string;
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

export class FluidPayClient {
  readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly policy: SendPolicy;

  constructor(options: FluidPayClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.apiKey = options.apiKey;
    this.policy = {
      timeoutMs: options.timeoutMs ?? 15_000,
      retries: options.retries ?? 2,
      backoffMs: options.backoffMs ?? 150,
      fetch: options.fetch,
      sleep: options.sleep,
    };
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
    const url = new URL(this.baseUrl + call.path);
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers: Record<string, string> = { Authorization: this.apiKey, Accept: "application/json" };
    let body: BodyInit | undefined;
    if (call.form) body = call.form;
    else if (call.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(call.body);
    }
    const res = await send(
      {
        method: call.method,
        url,
        headers,
        body,
        retrySafe: this.retrySafe(call),
        timeoutMs: call.timeoutMs,
        label: `${call.method} ${call.path}`,
        detail: (text) => {
          const msg = messageOf(text);
          return msg ? cleanGatewayMessage(msg) : undefined;
        },
        correlationHeader: "x-correlation-id",
      },
      this.policy,
    );
    const correlationId = res.headers.get("x-correlation-id");
    if (res.ok) return { body: res.text, correlationId };
    throw tag(errorFor(res.status, res.text, call), correlationId);
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

function errorFor(status: number, text: string, call: CallOptions): GatewayError {
  const msg = messageOf(text);
  if (status === 401 || status === 403) return new Unauthorized(cleanGatewayMessage(msg) || `HTTP ${status}`);
  if (status === 404) return new NotFound(cleanGatewayMessage(msg) || `${call.path} not found`);
  return toInvalidRequest(status, msg);
}

function tag<E extends GatewayError>(err: E, correlationId: string | null): E {
  err.correlationId = correlationId;
  return err;
}
