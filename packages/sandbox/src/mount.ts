import { handler as cardpointe } from "./cardpointe";
import { handler as copilot } from "./copilot";
import { handler as elasticpath } from "./elasticpath";
import { handler as fluidpay } from "./fluidpay";
import { handler as giftcard } from "./giftcard";
import { sandboxSchema } from "./schema-store";

export type WebHandler = (req: Request) => Promise<Response>;

/** Each emulator under its mount path (`/sandbox/<mount>/...`); the URLs stay those of docs/sandbox.md. */
const MOUNTS: Record<string, WebHandler> = { gateway: fluidpay, cardpointe, copilot, giftcard, elasticpath };

/** Routes `/sandbox/<service>/...` to its emulator (in process: what the portal's seed uses before it serves). */
export function dispatch(req: Request): Promise<Response> {
  const service = new URL(req.url).pathname.split("/")[2] ?? "";
  const handler = Object.hasOwn(MOUNTS, service) ? MOUNTS[service] : undefined;
  return handler ? handler(req) : Promise.resolve(new Response("Not found", { status: 404 }));
}

/** `dispatch` with every request written to the sandboxes' bounded request log (below): what the app mounts. */
export async function mounted(req: Request): Promise<Response> {
  const url = new URL(req.url);
  if (url.pathname === "/sandbox/_control/requests") return requestLogView(req, url);
  const body = await requestBody(req);
  const res = await dispatch(req);
  logRequest(req, body, res.status);
  return res;
}

// ---------------------------------------------------------------------------------------------------------
// Request log: what a provider's own request logging would show — method, path, query, body and status of the last
// REQUEST_LOG_ROWS requests to any sandbox, in `sandbox_log.requests`. Card fields sent to a sandbox's VAULT
// endpoints (where the real provider receives card data and keeps it in its vault) are replaced by "[vault]": the
// card data lives only in the sandbox's vault tables. Everything else is logged as sent, so card data sent anywhere
// else (a description, an order id, another endpoint) shows up — the e2e card-data scan reads this log.

const REQUEST_LOG_ROWS = 20_000;
const MAX_BODY_CHARS = 16_384;
const FLUSH_MS = 250;

/** Endpoints that accept raw card data at the real provider (docs/sandbox.md "Request log"). */
const VAULT_ENDPOINTS: RegExp[] = [
  /^\/sandbox\/gateway\/tokenizer\//,
  /^\/sandbox\/gateway\/api\/(transaction|vault|invoice|recurring\/subscription)(\/|$)/,
  /^\/sandbox\/cardpointe\/[^/]+\/cardsecure\//,
  /^\/sandbox\/cardpointe\/[^/]+\/cardconnect\/rest\/(auth|profile)(\/|$)/,
  /^\/sandbox\/giftcard\//,
];
/** Card fields (any nesting) whose values stay in the vault. */
const CARD_FIELD =
  /^(number|card_?number|cc_?number|pan|account|account_?number|cvc|cvv2?|cvn|security_?code|track[12]?|track_?data|emv)$/i;

const logStore = sandboxSchema("sandbox_log", () => [
  `create schema if not exists sandbox_log`,
  `create table if not exists sandbox_log.requests (
     id bigserial primary key,
     at timestamptz not null default now(),
     method text not null,
     path text not null,
     query text not null,
     body text,
     status integer not null
   )`,
  // The host the caller asked for: the request's own, or the vendor host the portal's sandbox-mode transport
  // forwarded here (X-Sandbox-Host: fts-uat.cardconnect.com), so a test can see which environment was used.
  `alter table sandbox_log.requests add column if not exists host text`,
]);

interface Entry {
  host: string;
  method: string;
  path: string;
  query: string;
  body: string | null;
  status: number;
}
let pending: Entry[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

async function requestBody(req: Request): Promise<string | null> {
  if (req.method === "GET" || req.method === "HEAD" || !req.body) return null;
  try {
    return await req.clone().text();
  } catch {
    return null;
  }
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        CARD_FIELD.test(k) && (typeof v === "string" || typeof v === "number") ? "[vault]" : redact(v),
      ]),
    );
  }
  return value;
}

/** The body as the log keeps it: vault endpoints' card fields replaced (JSON or form bodies), bounded. */
export function loggedBody(path: string, body: string | null): string | null {
  if (body === null || body === "") return body;
  let out = body;
  if (VAULT_ENDPOINTS.some((r) => r.test(path))) {
    try {
      out = JSON.stringify(redact(JSON.parse(body)));
    } catch {
      if (/^[^=&\s]+=[^&]*(&[^=&\s]+=[^&]*)*$/.test(body)) {
        const form = new URLSearchParams(body);
        for (const k of [...form.keys()]) if (CARD_FIELD.test(k.replace(/^.*\[|\]$/g, ""))) form.set(k, "[vault]");
        out = form.toString();
      } else out = "[vault: unparsed body withheld]";
    }
  }
  return out.length > MAX_BODY_CHARS ? `${out.slice(0, MAX_BODY_CHARS)}…[${out.length} chars]` : out;
}

function logRequest(req: Request, body: string | null, status: number): void {
  const url = new URL(req.url);
  // Control calls carry no card data beyond test setup; keep them too (they are requests like any other).
  pending.push({
    host: (req.headers.get("x-sandbox-host") ?? url.host).slice(0, 255),
    method: req.method,
    path: url.pathname,
    query: url.search,
    body: loggedBody(url.pathname, body),
    status,
  });
  timer ??= setTimeout(() => {
    timer = undefined;
    void flushRequestLog().catch(() => undefined);
  }, FLUSH_MS);
}

/** Writes what is buffered (one insert) and trims the log to its bound. Exported for tests. */
export async function flushRequestLog(): Promise<void> {
  if (!pending.length) return;
  const batch = pending;
  pending = [];
  const pool = await logStore.db();
  const values: unknown[] = [];
  const rows = batch.map((e, i) => {
    values.push(e.method, e.path, e.query, e.body, e.status, e.host);
    const b = i * 6;
    return `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6})`;
  });
  await pool.query(
    `insert into sandbox_log.requests (method, path, query, body, status, host) values ${rows.join(",")}`,
    values,
  );
  await pool.query(`delete from sandbox_log.requests where id <= (select max(id) from sandbox_log.requests) - $1`, [
    REQUEST_LOG_ROWS,
  ]);
}

/**
 * `GET /sandbox/_control/requests?host=&path=&limit=`: the newest logged requests (host asked for, method, path,
 * status, time), newest first — enough to see which environment's hosts a merchant used. No query strings or bodies.
 * `host` matches exactly, `path` is a prefix; `limit` 1–500 (default 100).
 */
async function requestLogView(req: Request, url: URL): Promise<Response> {
  if (req.method !== "GET") {
    return new Response(JSON.stringify({ error: "method_not_allowed" }), {
      status: 405,
      headers: { "content-type": "application/json", allow: "GET" },
    });
  }
  await flushRequestLog();
  const host = url.searchParams.get("host");
  const path = url.searchParams.get("path");
  const limit = Math.min(500, Math.max(1, Number(url.searchParams.get("limit")) || 100));
  const pool = await logStore.db();
  const r = await pool.query<{ at: Date; host: string | null; method: string; path: string; status: number }>(
    `select at, host, method, path, status from sandbox_log.requests
      where ($1::text is null or host = $1) and ($2::text is null or starts_with(path, $2))
      order by id desc limit $3`,
    [host, path, limit],
  );
  return new Response(JSON.stringify({ requests: r.rows }), { headers: { "content-type": "application/json" } });
}
