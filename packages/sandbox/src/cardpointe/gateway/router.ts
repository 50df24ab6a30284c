import type pg from "pg";
import { db, withTx } from "../db";
import type { HostPrefix } from "../host";
import { BadJson, basicAuth, json, readJsonObject, str, text } from "../http";
import { AFTER_COMMIT_HOLD_MS, injectFault, injectTimeout, takeTimeoutAfterCommit } from "../faults";
import { getMerchant, type Merchant } from "../merchants";
import { authorize } from "./auth";
import { inquire, inquireByOrderid } from "./inquire";
import { capture, refund, sigcap, voidByOrderId, voidByRetref } from "./lifecycle";
import { binInfo, inquireMerchant } from "./merchant-info";
import { getProfile, removeProfile, saveProfile } from "./profile";
import { funding, openBatch, settlestat } from "./reports";
import { closeBatches } from "./settlement";
import { pps } from "./pps";
import { rateLimit } from "./rate-limit";

const unauthorized = () =>
  new Response("Unauthorized", {
    status: 401,
    headers: { "content-type": "text/plain", "www-authenticate": 'Basic realm="CardConnect REST Servlet"' },
  });
const notFound = () => text("Not Found", 404);

const CREDENTIAL_PAGE = `<html><head><title>CardConnect REST Servlet</title></head>
<body><h1>CardConnect REST Servlet</h1></body></html>`;

async function credentialsValid(req: Request, host: HostPrefix): Promise<boolean> {
  const creds = basicAuth(req);
  if (!creds) return false;
  const r = await (
    await db()
  ).query(
    `select 1 from sandbox_cardpointe.merchants where site = $1 and environment = $2 and username = $3 and password = $4`,
    [host.site, host.environment, creds.username, creds.password],
  );
  return (r.rowCount ?? 0) > 0;
}

/** The merchant named by `merchid`, if it lives on this host and these are its credentials. */
interface RequestCtx {
  endpoint: string;
  remaining?: number;
}

class RateLimited extends Error {
  constructor(readonly retryAfter: number) {
    super("rate limited");
  }
}

async function merchantFor(
  ctx: RequestCtx,
  req: Request,
  host: HostPrefix,
  merchid: string | undefined,
): Promise<Merchant | undefined> {
  const creds = basicAuth(req);
  if (!creds || !merchid) return undefined;
  const m = await getMerchant(merchid);
  if (!m || m.site !== host.site || m.environment !== host.environment) return undefined;
  if (m.username !== creds.username || m.password !== creds.password) return undefined;
  if (await injectFault(m)) throw new InjectedFault();
  const rl = await rateLimit(req, m, ctx.endpoint);
  if (rl.limited) throw new RateLimited(rl.retryAfter);
  ctx.remaining = rl.remaining;
  return m;
}

/** A fault injected through `_control/faults`: answered as the host's 500. */
export class InjectedFault extends Error {}

type WriteVerb = (q: pg.PoolClient, m: Merchant, body: Record<string, unknown>) => Promise<unknown>;
const WRITES: Record<string, WriteVerb> = {
  auth: (q, m, b) => authorize(q, m, b, { timeout: injectTimeout(m) }),
  capture,
  void: voidByRetref,
  voidbyorderid: voidByOrderId,
  refund,
  sigcap,
  profile: saveProfile,
};

/** `/cardconnect/rest/<endpoint>...` — segments after `rest`. */
export async function gatewayRoute(req: Request, host: HostPrefix, segs: string[], url: URL): Promise<Response> {
  const ctx: RequestCtx = { endpoint: (segs[0] ?? "").toLowerCase() };
  try {
    const res = await route(ctx, req, host, segs, url);
    if (ctx.remaining !== undefined) res.headers.set("X-Rate-Limit-Remaining", String(ctx.remaining));
    return res;
  } catch (err) {
    if (!(err instanceof RateLimited)) throw err;
    return new Response("Too Many Requests", {
      status: 429,
      headers: { "content-type": "text/plain", "X-Rate-Limit-Retry-After-Seconds": String(err.retryAfter) },
    });
  }
}

async function route(ctx: RequestCtx, req: Request, host: HostPrefix, segs: string[], url: URL): Promise<Response> {
  const method = req.method.toUpperCase();
  const [endpoint = "", ...rest] = segs;
  const ep = endpoint.toLowerCase();

  if (ep === "") {
    if (!(await credentialsValid(req, host))) return unauthorized();
    return text(CREDENTIAL_PAGE, 200, "text/html");
  }

  if (WRITES[ep] && (method === "PUT" || method === "POST")) {
    let body: Record<string, unknown>;
    try {
      body = await readJsonObject(req);
    } catch (err) {
      if (err instanceof BadJson) return text("Bad Request", 400);
      throw err;
    }
    if (!(await credentialsValid(req, host))) return unauthorized();
    const m = await merchantFor(ctx, req, host, str(body, "merchid"));
    if (!m) return str(body, "merchid") ? unauthorized() : json(pps("21", { merchid: "" }));
    const verb = WRITES[ep]!;
    const answer = await withTx((q) => verb(q, m, body));
    if (ep === "auth" && (await takeTimeoutAfterCommit(m))) {
      // Committed, then the answer is lost: the client sees what a load balancer answers for a slow upstream.
      await new Promise((r) => setTimeout(r, AFTER_COMMIT_HOLD_MS));
      return text("Gateway Timeout", 504);
    }
    return json(answer);
  }

  if (method === "DELETE" && ep === "profile") {
    const [profileid = "", acctid = "", merchid] = profilePath(rest);
    const m = await merchantFor(ctx, req, host, merchid);
    if (!m) return unauthorized();
    return json(await withTx((q) => removeProfile(q, m, profileid, acctid)));
  }

  if (method !== "GET") return WRITES[ep] || READ_ENDPOINTS.has(ep) ? text("Method Not Allowed", 405) : notFound();
  const q = await db();
  switch (ep) {
    case "inquire": {
      const [retref, merchid] = rest;
      const m = await merchantFor(ctx, req, host, merchid);
      if (!m || !retref) return unauthorized();
      return json(await inquire(q, m, retref));
    }
    case "inquirebyorderid": {
      const [orderid, merchid, set] = rest;
      const m = await merchantFor(ctx, req, host, merchid);
      if (!m || !orderid) return unauthorized();
      return json(await inquireByOrderid(q, m, orderid, set));
    }
    case "settlestat": {
      const m = await merchantFor(ctx, req, host, url.searchParams.get("merchid") ?? undefined);
      if (!m) return unauthorized();
      const batches = await withTx((tx) => settlestat(tx, m, url.searchParams));
      return batches ? json(batches) : text("Null batches", 200);
    }
    case "funding": {
      const m = await merchantFor(ctx, req, host, url.searchParams.get("merchid") ?? undefined);
      if (!m) return unauthorized();
      return json(await withTx((tx) => funding(tx, m, url.searchParams)));
    }
    case "profile": {
      const [profileid = "", acctid = "", merchid] = profilePath(rest);
      const m = await merchantFor(ctx, req, host, merchid);
      if (!m) return unauthorized();
      return json(await getProfile(q, m, profileid, acctid));
    }
    case "bin": {
      const [merchid, token = ""] = rest;
      const m = await merchantFor(ctx, req, host, merchid);
      if (!m) return unauthorized();
      return json(await binInfo(q, m, token));
    }
    case "inquiremerchant": {
      const m = await merchantFor(ctx, req, host, rest[0]);
      if (!m) return unauthorized();
      return json(inquireMerchant(m));
    }
    case "openbatch": {
      const m = await merchantFor(ctx, req, host, rest[0]);
      if (!m) return unauthorized();
      return json(await openBatch(q, m));
    }
    case "closebatch": {
      const m = await merchantFor(ctx, req, host, rest[0]);
      if (!m) return unauthorized();
      const closed = await closeBatches(m.merchid, rest[1] || undefined);
      const first = closed[0];
      return json(
        first ? { batchid: first.batchid, respcode: "success" } : { batchid: rest[1] ?? "", respcode: "noBatch" },
      );
    }
    default:
      return notFound();
  }
}

const READ_ENDPOINTS = new Set([
  "inquire",
  "inquirebyorderid",
  "settlestat",
  "funding",
  "bin",
  "inquiremerchant",
  "openbatch",
  "closebatch",
]);

/**
 * `/profile/<id>/<acctid>/<merchid>`; an empty acctid means every account. Mounted inside Next.js the empty segment
 * arrives collapsed (`/profile/<id>/<merchid>`: Next redirects `//` before routing), so two segments read as that.
 */
function profilePath(rest: string[]): [string, string, string | undefined] {
  if (rest.length === 2) return [rest[0] ?? "", "", rest[1]];
  return [rest[0] ?? "", rest[1] ?? "", rest[2]];
}
