import "server-only";
import type { z } from "zod";
import { Declined, InvalidRequest, NotFound, Unauthorized, Unavailable, type GatewayError } from "@/lib/gateway/errors";
import { type ClientSendOptions, send, type SendPolicy } from "@/lib/gateway/send";
import { quoteNumbers } from "./wire";

/**
 * The POSPointe GiftCard server's wire format: HTTP Basic, JSON (numbers read as strings), ProblemDetails errors
 * mapped to the portal's domain errors. Transport policy is lib/gateway/send.ts; retries are safe for every call: reads, the token call,
 * status changes (idempotent), and card transactions, which always carry a PosRef the server replays instead of
 * moving money twice. Request bodies are never logged or put into error messages (they may hold a card number).
 */

export interface GiftCardClientOptions extends Omit<ClientSendOptions, "sleep"> {
  baseUrl: string;
  username: string;
  password: string;
}

export interface GiftCall {
  method: "GET" | "POST" | "PUT" | "PATCH";
  path: string;
  query?: Record<string, string | undefined>;
  body?: Record<string, unknown>;
  auth?: boolean;
}

export class GiftCardClient {
  readonly baseUrl: string;
  private readonly authorization: string;
  private readonly policy: SendPolicy;

  constructor(o: GiftCardClientOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, "");
    this.authorization = `Basic ${Buffer.from(`${o.username}:${o.password}`).toString("base64")}`;
    this.policy = {
      timeoutMs: o.timeoutMs ?? 15_000,
      retries: o.retries ?? 2,
      backoffMs: o.backoffMs ?? 150,
      fetch: o.fetch,
    };
  }

  async json<S extends z.ZodType>(call: GiftCall, schema: S): Promise<z.infer<S>> {
    const url = new URL(this.baseUrl + call.path);
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers: Record<string, string> = { Accept: "application/json" };
    if (call.auth !== false) headers.Authorization = this.authorization;
    if (call.body) headers["Content-Type"] = "application/json";
    const res = await send(
      {
        method: call.method,
        url,
        headers,
        body: call.body ? JSON.stringify(call.body) : undefined,
        // Every call is safe to repeat: reads, the token, idempotent status changes, PosRef-keyed transactions.
        retrySafe: true,
        label: `gift card ${call.method} ${call.path}`,
      },
      this.policy,
    );
    let body: unknown = {};
    try {
      body = res.text ? JSON.parse(quoteNumbers(res.text)) : {};
    } catch {
      body = {};
    }
    if (!res.ok) throw problemToError(res.status, body, call);
    // Field names vary in case between endpoints and server versions (HostRef, Approvedbalance): bind them lower-cased.
    const parsed = schema.safeParse(lowerKeys(body));
    if (!parsed.success) {
      throw new Unavailable({
        reason: "bad_response",
        message: `gift card ${call.path}: unexpected response shape`,
        maybeProcessed: call.method !== "GET",
      });
    }
    return parsed.data;
  }
}

export function lowerKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(lowerKeys);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [k.toLowerCase(), lowerKeys(x)]),
    );
  }
  return v;
}

function detailOf(body: unknown): string {
  if (!body || typeof body !== "object") return "";
  const b = body as Record<string, unknown>;
  for (const k of ["detail", "message", "title"]) if (typeof b[k] === "string" && b[k]) return b[k] as string;
  return "";
}

function problemToError(status: number, body: unknown, call: GiftCall): GatewayError {
  const detail = detailOf(body).replace(/\d{12,19}/g, "[number]");
  if (status === 401) return new Unauthorized("the gift card server rejected the store credentials");
  if (status === 403) return new InvalidRequest(detail || "forbidden", [], 403);
  if (status === 404) return new NotFound(detail || `${call.path} not found`);
  if (/insufficient balance/i.test(detail) || /insufficient balance/i.test(JSON.stringify(body))) {
    return new Declined({ code: 251, reason: "Insufficient balance on the gift card" });
  }
  const errors =
    body &&
    typeof body === "object" &&
    (body as { errors?: unknown }).errors &&
    typeof (body as { errors?: unknown }).errors === "object"
      ? Object.entries((body as { errors: Record<string, unknown> }).errors).map(([field, msgs]) => ({
          field: field.charAt(0).toLowerCase() + field.slice(1),
          message: Array.isArray(msgs) ? String(msgs[0] ?? "Invalid") : String(msgs),
        }))
      : [];
  if (/invalid card token|card token (is not valid|has expired)/i.test(`${detail} ${JSON.stringify(body)}`)) {
    return new InvalidRequest("gift card token invalid or expired", [
      { field: "cardToken", message: "The card session expired. Enter the card again" },
    ]);
  }
  return new InvalidRequest(detail || `HTTP ${status}`, errors, status);
}
