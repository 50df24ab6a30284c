import "server-only";
import { InvalidRequest, NotFound, Unauthorized, Unavailable } from "../errors";

/**
 * Raw HTTP to the Integrated Terminal API (`…/api/v3`): POST-only JSON, `Authorization: <API key>` (the key
 * itself, no scheme), `X-CardConnect-SessionKey` from `connect` on every command but list/details/connect.
 * Card-present commands block while a person is at the device, so they get a long timeout and are never retried.
 */

export interface TerminalClientOptions {
  /** …/api/v3 */
  baseUrl: string;
  apiKey: string;
  merchid: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A documented Integrated Terminal error: HTTP status + errorCode (3/4 bad input, 1 generic, 7 busy, 8 cancelled…). */
export class TerminalApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    readonly errorMessage: string,
  ) {
    super(`terminal ${status} errorCode ${errorCode}: ${errorMessage}`);
    this.name = "TerminalApiError";
  }
}

/** Device interaction is ~2 min at most, plus the gateway's 32 s. */
export const CARD_PRESENT_TIMEOUT_MS = 160_000;

export class TerminalClient {
  readonly baseUrl: string;
  private readonly apiKey: string;
  readonly merchid: string;
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;

  constructor(options: TerminalClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.apiKey = options.apiKey;
    this.merchid = options.merchid;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.doFetch = options.fetch ?? fetch;
  }

  /** POST an endpoint; resolves with the parsed body (or {} for empty answers) and the response headers. */
  async call(
    endpoint: string,
    body: Record<string, unknown>,
    opts: { session?: string; timeoutMs?: number; version?: "v1" | "v2" | "v3" } = {},
  ): Promise<{ body: Record<string, unknown>; headers: Headers }> {
    const headers: Record<string, string> = { Authorization: this.apiKey, "Content-Type": "application/json" };
    if (opts.session) headers["X-CardConnect-SessionKey"] = opts.session;
    let res: Response;
    let text: string;
    try {
      const base = opts.version ? this.baseUrl.replace(/\/v\d+$/, `/${opts.version}`) : this.baseUrl;
      res = await this.doFetch(`${base}/${endpoint}`, {
        method: "POST",
        headers,
        body: JSON.stringify({ merchantId: this.merchid, ...body }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? this.timeoutMs),
        redirect: "error",
      });
      text = await res.text();
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
      throw new Unavailable({
        reason: timedOut ? "timeout" : "network",
        message: `terminal ${endpoint}: ${timedOut ? "timed out" : "network error"}`,
        maybeProcessed: endpoint.startsWith("auth"),
        cause,
      });
    }
    let json: Record<string, unknown> = {};
    if (text) {
      try {
        const v: unknown = JSON.parse(text);
        if (v && typeof v === "object" && !Array.isArray(v)) json = v as Record<string, unknown>;
      } catch {
        json = {};
      }
    }
    if (res.ok) return { body: json, headers: res.headers };
    if (res.status === 401) throw new Unauthorized("the terminal API key was rejected");
    if (res.status === 403) throw new NotFound("that terminal does not belong to this merchant");
    const code = typeof json.errorCode === "number" ? json.errorCode : Number(json.errorCode ?? 0);
    const message = typeof json.errorMessage === "string" ? json.errorMessage : `HTTP ${res.status}`;
    if (res.status === 400 && Number.isFinite(code)) {
      throw new InvalidRequest(message, [], 400);
    }
    throw new TerminalApiError(res.status, Number.isFinite(code) ? code : 0, message);
  }

  /** connect (force: true replaces a stale session of this POS) → the session key without `;expires`. */
  async connect(hsn: string): Promise<string> {
    const { headers } = await this.call("connect", { hsn, force: true });
    const raw = headers.get("x-cardconnect-sessionkey") ?? "";
    const key = raw.split(";")[0]?.trim();
    if (!key) throw new Unavailable({ reason: "bad_response", message: "terminal connect: no session key" });
    return key;
  }

  async disconnect(hsn: string, session: string): Promise<void> {
    await this.call("disconnect", { hsn }, { session }).catch(() => undefined);
  }
}
