import "server-only";
import { InvalidRequest, NotFound, Unauthorized, Unavailable } from "../errors";
import { send, type SendPolicy } from "../send";

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

/** Another POS (or register) holds a session on the terminal; only a confirmed `force` takes it over. */
export class TerminalInUse extends Error {
  constructor(readonly hsn: string) {
    super(`terminal ${hsn} has a session open from another point of sale`);
    this.name = "TerminalInUse";
  }
}

/**
 * Session keys this process holds, by terminal: a sale keeps its session for the length of the device interaction,
 * and `cancel` (which needs that session, services.md §3.2) is sent from another request. One process per app
 * instance; a cancel that reaches an instance without the session is told so (see terminalsApi.cancel).
 */
const sessions = new Map<string, string>();

/** Device interaction is ~2 min at most, plus the gateway's 32 s. */
export const CARD_PRESENT_TIMEOUT_MS = 160_000;

/**
 * Commands that only read the terminal service's state (services.md §3.2): safe to send again after a network
 * error or a gateway 502/503/504. Everything else drives the device or the gateway and is sent once.
 */
/**
 * The API version each command is documented under (CardPointeIntegratedTerminalAPI.yaml paths; services.md §3.2
 * "v2"/"v3" column); the rest are v3 paths. Calls go to the documented path, nothing else.
 */
const DOCUMENTED_VERSION: Record<string, "v2" | "v3"> = {
  listTerminals: "v2",
  dateTime: "v2",
  getPanPadVersion: "v2",
  preconnect: "v2",
  connect: "v2",
  disconnect: "v2",
  display: "v2",
  readInput: "v2",
  readSignature: "v2",
  cancel: "v2",
  readCard: "v2",
  readManual: "v2",
};

const READS = new Set(["listTerminals", "terminalDetails", "ping", "getPanPadVersion"]);

/**
 * The terminal service answers its documented errors with 500 + errorCode (services.md §3.3: 1 generic, 6 not
 * connected, 7 in use, 8 cancelled, …); those are answers to read, not outages. Only what a proxy in front of it
 * would say (408, 429, 502–504) is transient.
 */
const transient = (status: number) => status === 408 || status === 429 || (status >= 502 && status <= 504);

export class TerminalClient {
  readonly baseUrl: string;
  private readonly apiKey: string;
  readonly merchid: string;
  private readonly policy: SendPolicy;

  constructor(options: TerminalClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.apiKey = options.apiKey;
    this.merchid = options.merchid;
    this.policy = { timeoutMs: options.timeoutMs ?? 20_000, retries: 2, backoffMs: 200, fetch: options.fetch };
  }

  /** POST an endpoint; resolves with the parsed body (or {} for empty answers) and the response headers. */
  async call(
    endpoint: string,
    body: Record<string, unknown>,
    opts: { session?: string; timeoutMs?: number; version?: "v1" | "v2" | "v3" } = {},
  ): Promise<{ body: Record<string, unknown>; headers: Headers }> {
    const headers: Record<string, string> = { Authorization: this.apiKey, "Content-Type": "application/json" };
    if (opts.session) headers["X-CardConnect-SessionKey"] = opts.session;
    const version = opts.version ?? DOCUMENTED_VERSION[endpoint];
    const base = version ? this.baseUrl.replace(/\/v\d+$/, `/${version}`) : this.baseUrl;
    let res;
    try {
      res = await send(
        {
          method: "POST",
          url: `${base}/${endpoint}`,
          headers,
          body: JSON.stringify({ merchantId: this.merchid, ...body }),
          retrySafe: READS.has(endpoint),
          timeoutMs: opts.timeoutMs,
          label: `terminal ${endpoint}`,
          transient,
        },
        this.policy,
      );
    } catch (err) {
      // Only an auth that left this process may have charged the card; other commands are not money movements.
      if (err instanceof Unavailable && err.maybeProcessed && !endpoint.startsWith("auth")) {
        throw new Unavailable({ reason: err.reason, message: err.message, status: err.status, cause: err });
      }
      throw err;
    }
    let json: Record<string, unknown> = {};
    if (res.text) {
      try {
        const v: unknown = JSON.parse(res.text);
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
  /**
   * connect → the session key without `;expires`. Without `force` a session another POS holds is left alone: the
   * service answers errorCode 1 "Session exists for hsn" (services.md §3.3) and this throws `TerminalInUse`, so the
   * user can decide. `force: true` ends that session and any prompt it is showing (CardPointeIntegratedTerminalAPI
   * `connect`, `force` parameter) — only after the user confirmed.
   */
  async connect(hsn: string, opts: { force?: boolean } = {}): Promise<string> {
    let headers: Headers;
    try {
      ({ headers } = await this.call("connect", { hsn, force: opts.force === true }));
    } catch (err) {
      if (err instanceof TerminalApiError && /session exists/i.test(err.errorMessage)) throw new TerminalInUse(hsn);
      throw err;
    }
    const raw = headers.get("x-cardconnect-sessionkey") ?? "";
    const key = raw.split(";")[0]?.trim();
    if (!key) throw new Unavailable({ reason: "bad_response", message: "terminal connect: no session key" });
    sessions.set(this.sessionKeyOf(hsn), key);
    return key;
  }

  /** The session this process holds on `hsn` (a sale in progress), for `cancel`. */
  heldSession(hsn: string): string | undefined {
    return sessions.get(this.sessionKeyOf(hsn));
  }

  private sessionKeyOf(hsn: string) {
    return `${this.baseUrl}|${this.merchid}|${hsn}`;
  }

  async disconnect(hsn: string, session: string): Promise<void> {
    const k = this.sessionKeyOf(hsn);
    if (sessions.get(k) === session) sessions.delete(k);
    await this.call("disconnect", { hsn }, { session }).catch(() => undefined);
  }
}
