import "server-only";
import type { z } from "zod";
import { Unavailable } from "@/lib/gateway/errors";
import { send, type SendPolicy, type SendRequest, type SendResult } from "@/lib/gateway/send";
import { log } from "@/lib/log";
import { CoPilotAuthFailed, CoPilotInvalid, CoPilotNotFound, CoPilotUnavailable } from "./errors";
import { apiErrorSchema, type CoPilotCredentials, type CoPilotHosts, tokenResponse } from "./types";

const TOKEN_PATH = "/auth/realms/cardconnect/protocol/openid-connect/token";
/** Refresh this long before the access token expires, so a request never leaves with a dying token. */
const REFRESH_MARGIN_MS = 30_000;
const TIMEOUT_MS = 20_000;

interface CachedToken {
  accessToken: string;
  expiresAt: number;
  /** When to stop using it: REFRESH_MARGIN_MS (at most a quarter of its life) before it expires. */
  renewAt: number;
  refreshToken: string | null;
  refreshExpiresAt: number;
}

/**
 * Tokens per (accounts host, username). In-memory per app instance: a token is cheap to re-issue, so
 * instances need not share them (the app stays stateless in what matters).
 */
const tokens = new Map<string, CachedToken>();
const inflight = new Map<string, Promise<CachedToken>>();

export function clearTokenCache() {
  tokens.clear();
}

/** Drops the cached token of one API user (its credentials were replaced). */
export function forgetToken(hosts: CoPilotHosts, username: string) {
  tokens.delete(`${hosts.accounts}|${username}`);
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Auth (OAuth password/refresh grants) and the wire format of CoPilot, over lib/gateway/send.ts; with transform.ts the only code that speaks CoPilot. */
export class CoPilotClient {
  private readonly key: string;

  private readonly policy: SendPolicy;

  constructor(
    private readonly creds: CoPilotCredentials,
    private readonly hosts: CoPilotHosts,
    fetchImpl: FetchLike = (i, init) => fetch(i, init),
  ) {
    this.key = `${hosts.accounts}|${creds.username}`;
    this.policy = {
      timeoutMs: TIMEOUT_MS,
      retries: 2,
      backoffMs: 200,
      fetch: (input, init) => fetchImpl(String(input), init),
    };
  }

  get templateId() {
    return this.creds.templateId;
  }

  async request<S extends z.ZodType>(
    method: "GET" | "POST" | "PUT" | "DELETE",
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.output<S>> {
    let token = await this.token();
    let res = await this.send(method, path, token.accessToken, body);
    if (res.status === 401) {
      // Revoked or expired early (clock skew, server restart): one retry with a fresh token.
      tokens.delete(this.key);
      token = await this.token(true);
      res = await this.send(method, path, token.accessToken, body);
    }
    const text = res.text;
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = null;
    }
    if (res.ok && json !== null) {
      const parsed = schema.safeParse(json);
      if (parsed.success) return parsed.data;
      log().error({ path, issues: parsed.error.issues.slice(0, 5) }, "copilot response shape unexpected");
      throw new CoPilotUnavailable("unexpected CoPilot response");
    }
    const errors = apiErrorSchema.array().safeParse((json as { errors?: unknown } | null)?.errors);
    const list = errors.success ? errors.data : [];
    if (res.status === 404) throw new CoPilotNotFound(`copilot 404 ${path}`);
    if (res.status >= 400 && res.status < 500 && res.status !== 401 && list.length > 0) {
      throw new CoPilotInvalid(
        res.status,
        list.map((e) => ({ code: e.code, message: e.message ?? "Invalid value.", errorField: e.errorField ?? null })),
      );
    }
    log().warn({ path, status: res.status, codes: list.map((e) => e.code) }, "copilot request failed");
    if (res.status === 401) throw new CoPilotAuthFailed("copilot refused a fresh token");
    throw new CoPilotUnavailable(`copilot ${res.status}`);
  }

  private send(method: string, path: string, accessToken: string, body?: unknown): Promise<SendResult> {
    return this.http(`${this.hosts.api}${path}`, {
      method: method as SendRequest["method"],
      headers: {
        authorization: `Bearer ${accessToken}`,
        "x-copilotapi-version": "1.0",
        accept: "application/json",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      // CoPilot documents no idempotency key: only reads are repeated.
      retrySafe: method === "GET",
      label: `copilot ${method} ${path}`,
    });
  }

  /** The shared sender; what outlived its retries (network, timeout, 5xx, 429) is CoPilot being unavailable. */
  private async http(url: string, req: Omit<SendRequest, "url">): Promise<SendResult> {
    try {
      return await send({ ...req, url }, this.policy);
    } catch (err) {
      if (!(err instanceof Unavailable)) throw err;
      log().warn({ err: err.message, status: err.status }, "copilot unavailable");
      throw new CoPilotUnavailable(err.status ? `copilot ${err.status}` : "copilot unreachable");
    }
  }

  /** A valid access token: cached, refreshed before expiry, or newly issued. Concurrent callers share one fetch. */
  async token(force = false): Promise<CachedToken> {
    const cached = tokens.get(this.key);
    const now = Date.now();
    if (!force && cached && cached.renewAt > now) return cached;
    const running = inflight.get(this.key);
    if (running) return running;
    const p = (async () => {
      const useRefresh = !force && cached?.refreshToken && cached.refreshExpiresAt - 5_000 > now;
      let t: CachedToken | null = null;
      if (useRefresh) t = await this.grant({ grant_type: "refresh_token", refresh_token: cached!.refreshToken! }, true);
      t ??= await this.grant({ grant_type: "password", username: this.creds.username, password: this.creds.password });
      if (!t) throw new CoPilotAuthFailed("copilot token refused");
      tokens.set(this.key, t);
      return t;
    })().finally(() => inflight.delete(this.key));
    inflight.set(this.key, p);
    return p;
  }

  /** `soft`: a refused refresh returns null so the caller falls back to the password grant. */
  private async grant(fields: Record<string, string>, soft = false): Promise<CachedToken | null> {
    const started = Date.now();
    const res = await this.http(`${this.hosts.accounts}${TOKEN_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        ...fields,
        client_id: this.creds.clientId,
        client_secret: this.creds.clientSecret,
      }).toString(),
      // Asking for a token again only issues another token.
      retrySafe: true,
      label: "copilot token",
    });
    let body: unknown = null;
    try {
      body = JSON.parse(res.text);
    } catch {
      body = null;
    }
    if (!res.ok) {
      const error = (body as { error?: string } | null)?.error;
      log().warn({ status: res.status, error, grant: fields.grant_type }, "copilot token refused");
      if (soft) return null;
      throw new CoPilotAuthFailed(`copilot token ${res.status} ${error ?? ""}`, error ?? null);
    }
    const t = tokenResponse.safeParse(body);
    if (!t.success) throw new CoPilotUnavailable("unexpected token response");
    return {
      accessToken: t.data.access_token,
      expiresAt: started + t.data.expires_in * 1000,
      renewAt: started + t.data.expires_in * 1000 - Math.min(REFRESH_MARGIN_MS, t.data.expires_in * 250),
      refreshToken: t.data.refresh_token ?? null,
      refreshExpiresAt: started + (t.data.refresh_expires_in ?? 0) * 1000,
    };
  }
}
