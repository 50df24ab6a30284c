import "server-only";
import type { z } from "zod";
import { type ClientSendOptions, send, type SendPolicy } from "../send";
import { InvalidRequest, NotFound, Unauthorized, Unavailable, type GatewayError } from "../errors";

/**
 * The CardPointe Gateway REST API's wire format (`…/cardconnect/rest`): HTTP Basic per site, JSON with string values,
 * PUT for writes (the official SDKs' verb; the API takes POST too), errors mapped to domain errors. Transport policy is
 * lib/gateway/send.ts; only reads (GET) are retry-safe: CardPointe has no idempotency key, so a repeated write could
 * charge twice.
 * The adapter makes writes safe itself (orderid + inquireByOrderid after a timeout, see adapter-transactions.ts).
 */

/** Retries apply to reads only; CardPointe answers a processor timeout itself at 32 s, the default timeout leaves room. */
export interface CardPointeClientOptions extends ClientSendOptions {
  /** …/cardconnect/rest (no trailing slash needed). */
  baseUrl: string;
  username: string;
  password: string;
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

export class CardPointeClient {
  readonly baseUrl: string;
  private readonly authorization: string;
  private readonly policy: SendPolicy;

  constructor(options: CardPointeClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString("base64")}`;
    this.policy = {
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retries: options.retries ?? 2,
      backoffMs: options.backoffMs ?? 200,
      fetch: options.fetch,
      sleep: options.sleep,
    };
  }

  /** GET, retried on transient failures; the body as text (settlestat answers the text `Null batches`). */
  async getText(call: ReadCall): Promise<string> {
    return this.once("GET", call.path, call.query, undefined, call.timeoutMs);
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
    const res = await send(
      {
        method,
        url,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // CardPointe has no idempotency key: only reads are repeated.
        retrySafe: method === "GET",
        timeoutMs,
        label: `${method} ${path}`,
        detail: snippetOf,
      },
      this.policy,
    );
    if (res.ok) return res.text;
    throw errorFor(res.status, res.text, path);
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

/** Never echo the body into messages beyond a short, card-free snippet: gateway errors carry no PAN, but be strict. */
function snippetOf(text: string): string {
  return text.replace(/\d{12,19}/g, "[number]").slice(0, 120);
}

function errorFor(status: number, text: string, path: string): GatewayError {
  const snippet = snippetOf(text);
  if (status === 401 || status === 403) return new Unauthorized(`CardPointe rejected the credentials (HTTP ${status})`);
  if (status === 404) return new NotFound(`${path} not found`);
  return new InvalidRequest(snippet || `HTTP ${status}`, [], status);
}
