import { randomUUID } from "node:crypto";
import { NO_ACCOUNT, findAccountWithClock } from "./accounts";
import { PASSIVE_TICK_MS, accountNow, tickClock } from "./clock";
import { GatewayError, fail } from "./envelope";
import { applyFaults, timeoutAfterCommit } from "./faults";
import { verifyJwt } from "./jwt";
import type { Route, RouteCtx } from "./types";
import { resumeDueDeliveries } from "./webhooks";

export const MOUNT = "/sandbox/gateway";

interface Compiled {
  route: Route;
  segments: string[];
}

function compile(routes: Route[]): Compiled[] {
  return routes.map((route) => ({ route, segments: route.path.split("/").filter(Boolean) }));
}

/** Literal segments beat parameters, so `/api/transaction/search` wins over `/api/transaction/:id`. */
function match(compiled: Compiled[], method: string, path: string) {
  const parts = path.split("/").filter(Boolean);
  let best: { c: Compiled; params: Record<string, string>; score: number } | undefined;
  let pathMatched = false;
  for (const c of compiled) {
    if (c.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let score = 0;
    let okay = true;
    for (let i = 0; i < parts.length; i++) {
      const seg = c.segments[i] as string;
      const part = parts[i] as string;
      if (seg.startsWith(":")) {
        const value = decodeSegment(part);
        if (value === undefined) {
          okay = false;
          break;
        }
        params[seg.slice(1)] = value;
      } else if (seg === part) score += 1;
      else {
        okay = false;
        break;
      }
    }
    if (!okay) continue;
    pathMatched = true;
    if (c.route.method !== method) continue;
    if (!best || score > best.score) best = { c, params, score };
  }
  return { best, pathMatched };
}

/** A malformed escape (`%zz`) matches nothing (404) instead of throwing. */
function decodeSegment(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** The methods some route answers on this path (for the `Allow` header of a 405, RFC 9110 §15.5.6). */
function allowedMethods(compiled: Compiled[], path: string): string[] {
  const methods = new Set<string>();
  for (const c of compiled) if (match([c], c.route.method, path).best) methods.add(c.route.method);
  return [...methods].sort();
}

export function publicOrigin(req: Request): string {
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (host) return `${proto ?? url.protocol.replace(":", "")}://${host}`;
  return url.origin;
}

async function readBody(req: Request): Promise<unknown> {
  if (req.method === "GET" || req.method === "HEAD") return null;
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("multipart/form-data") || type.includes("application/x-www-form-urlencoded")) return null;
  const text = await req.text();
  if (!text.trim()) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new GatewayError(400, "bad request error: invalid json");
  }
}

/** The gateway's router: auth by API key, fault injection, JSON body, envelope errors, no stack traces. */
export function createRouter(routes: Route[]): (req: Request) => Promise<Response> {
  const compiled = compile(routes);
  return async (req: Request) => {
    const correlationId = randomUUID();
    const response = await dispatch(compiled, req).catch((err: unknown) => {
      if (err instanceof GatewayError) return fail(err.httpStatus, err.message);
      return fail(500, "internal server error");
    });
    const headers = new Headers(response.headers);
    headers.set("x-correlation-id", correlationId);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

async function dispatch(compiled: Compiled[], req: Request): Promise<Response> {
  const url = new URL(req.url);
  const path = url.pathname.startsWith(MOUNT) ? url.pathname.slice(MOUNT.length) || "/" : url.pathname;
  const { best, pathMatched } = match(compiled, req.method, path);
  if (!best) {
    if (!pathMatched) return fail(404, "not found");
    const res = fail(405, "method not allowed");
    res.headers.set("allow", allowedMethods(compiled, path).join(", "));
    return res;
  }
  const { route } = best.c;
  let account = NO_ACCOUNT;
  let afterCommit = false;
  let clock: { offsetMs: number; lastTick: Date } | undefined;
  if (route.auth !== "none") {
    const key = (req.headers.get("authorization") ?? "").trim();
    if (!key) return fail(401, "unauthorized");
    const bearer = /^bearer\s+(\S+)$/i.exec(key);
    const jwtAccount = bearer ? verifyJwt(bearer[1] as string) : undefined;
    if (bearer && !jwtAccount) return fail(401, "unauthorized: invalid token");
    if (route.auth === "private" && key.startsWith("pub_")) return fail(401, "unauthorized");
    const found = jwtAccount ? await findAccountWithClock(jwtAccount, "id") : await findAccountWithClock(key);
    if (!found) return fail(401, "unauthorized");
    account = found.account;
    if (path.startsWith("/api/")) {
      const faulted = await applyFaults(account.id, path);
      if (faulted instanceof Response) return faulted;
      afterCommit = faulted?.afterCommit === true;
    }
    clock = found;
  }
  const body = await readBody(req);
  let now = new Date();
  if (clock) {
    now = new Date(Date.now() + clock.offsetMs);
    // Catch the hooks up with real time only when a tick is due; the common path costs no extra query.
    if (now.getTime() - clock.lastTick.getTime() >= PASSIVE_TICK_MS) {
      // A failing hook must not take the account's API down; the next tick retries from the last good step.
      await tickClock(account).catch(() => undefined);
      await resumeDueDeliveries(account.id).catch(() => undefined);
      now = await accountNow(account.id);
    }
  }
  const ctx: RouteCtx = {
    req,
    account,
    params: best.params,
    query: url.searchParams,
    body,
    now,
    origin: publicOrigin(req),
  };
  const response = await route.handle(ctx);
  return afterCommit ? timeoutAfterCommit() : response;
}
