import { withLatency } from "../latency";
import { batchReport, closeBatch } from "./batch";
import { issueToken } from "./cards";
import { injectFault, parseFaults, setFaults } from "./faults";
import { json, parseAmount, parseBool, Problem, problemResponse, readBody } from "./http";
import { addTestCards, advanceClock, authenticate, createSandboxStore, type Store } from "./stores";
import { balanceCheck, changeStatus, redeem, reload, sellNewCard } from "./transactions";

export { createSandboxStore } from "./stores";

/**
 * POSPointe gift-card server sandbox, mounted at /sandbox/giftcard. Paths are matched without
 * regard to case, as ASP.NET routes are. Control: /sandbox/giftcard/_control/{stores,clock}.
 */

const FAULT_TITLES: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

type Route = (req: Request, store: Store, params: string[]) => Promise<Response>;

const routes: [string, RegExp, Route][] = [
  ["POST", /^v1\/token$/i, (req, s) => issueToken(req, s)],
  ["POST", /^transaction\/balancecheck$/i, (req, s) => balanceCheck(req, s)],
  ["POST", /^transaction\/sellnewcard$/i, (req, s) => sellNewCard(req, s)],
  ["POST", /^transaction\/reload$/i, (req, s) => reload(req, s)],
  ["POST", /^transaction\/radeem$/i, (req, s) => redeem(req, s)],
  ["PATCH", /^transaction\/changestatus$/i, (req, s) => changeStatus(req, s)],
  ["GET", /^batch\/([^/]+)$/i, (req, s, p) => batchReport(req, s, decodeURIComponent(p[0] ?? ""))],
  ["POST", /^batch\/batch\/([^/]+)$/i, (_req, s, p) => closeBatch(s, decodeURIComponent(p[0] ?? ""))],
  [
    "PUT",
    /^auth\/verify$/i,
    async (_req, s) =>
      json({
        statuscode: "000000",
        description: "Success",
        storeid: s.storeId,
        franchiseeid: s.franchiseeId,
        storename: s.name,
      }),
  ],
];

async function control(req: Request, path: string): Promise<Response> {
  if (req.method !== "POST") throw new Problem(405, "Method Not Allowed", "Control endpoints accept POST only.");
  if (path === "stores") return json(await createSandboxStore(), 201);
  if (path === "clock") {
    const store = await authenticate(req);
    const b = await readBody(req);
    const seconds = Number(b.advance_seconds);
    if (!Number.isFinite(seconds) || seconds < 0 || seconds > 10 * 365 * 86_400)
      throw new Problem(
        400,
        "Bad Request",
        "advance_seconds must be a non-negative number of seconds (at most ten years).",
      );
    const now = await advanceClock(store, seconds);
    return json({ store_id: store.storeId, now: now.toISOString() });
  }
  if (path === "cards") {
    const store = await authenticate(req);
    const b = await readBody(req);
    const count = b.count === undefined ? 1 : Number(b.count);
    if (!Number.isInteger(count) || count < 1 || count > 20)
      throw new Problem(400, "Bad Request", "count must be 1 to 20.");
    const activated = parseBool(b.activated, "activated") ?? true;
    const balanceCents = b.balance === undefined || Number(b.balance) === 0 ? 0 : parseAmount(b.balance, "balance");
    if (!activated && balanceCents > 0) throw new Problem(400, "Bad Request", "Unsold card stock carries no balance.");
    return json({ cards: await addTestCards(store, { count, balanceCents, activated }) }, 201);
  }
  if (path === "faults") {
    const store = await authenticate(req);
    const f = parseFaults(await readBody(req));
    if (typeof f === "string") throw new Problem(400, "Bad Request", f);
    const now = await setFaults(store.pk, f);
    return json({
      store_id: store.storeId,
      error_rate: now.errorRate,
      latency_ms: now.latencyMs,
      fail_next: now.failNext,
      status: now.status,
    });
  }
  throw new Problem(404, "Not Found", "Unknown control endpoint.");
}

async function dispatch(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const path = url.pathname.replace(/^\/sandbox\/giftcard\/?/, "").replace(/\/+$/, "");
  if (path.startsWith("_control/")) return control(req, path.slice("_control/".length));
  if (/^health$/i.test(path)) {
    if (req.method !== "GET") throw new Problem(405, "Method Not Allowed", "Use GET.");
    return json({ status: "Healthy", service: "POSPointe GiftCard Server (sandbox)" });
  }
  const matching = routes.filter(([, re]) => re.test(path));
  const route = matching.find(([m]) => m === req.method);
  if (!route) {
    if (matching.length) throw new Problem(405, "Method Not Allowed", `${req.method} is not allowed on /${path}.`);
    throw new Problem(404, "Not Found", `No endpoint /${path}.`);
  }
  const store = await authenticate(req);
  const type = req.headers.get("content-type");
  // [FromBody] endpoints answer 415 to a body that is not JSON; a missing Content-Type is tolerated.
  if (type && req.method !== "GET" && !/^auth\/verify$/i.test(path) && !/^application\/(.+\+)?json/i.test(type))
    throw new Problem(415, "Unsupported Media Type", `Content type '${type}' is not supported; use application/json.`);
  const fault = await injectFault(store.pk, store.faults);
  if (fault)
    throw new Problem(
      fault,
      FAULT_TITLES[fault] ?? "Service Unavailable",
      "The gift-card server is temporarily unavailable. Please retry.",
    );
  return route[2](req, store, (route[1].exec(path) ?? []).slice(1));
}

async function route(req: Request): Promise<Response> {
  try {
    return await dispatch(req);
  } catch (err) {
    if (err instanceof Problem)
      return problemResponse(err, err.status === 401 ? { "www-authenticate": 'Basic realm="GiftCard"' } : {});
    // Two first uses of one PosRef racing on different cards meet the unique index: a conflict, not a crash.
    if ((err as { code?: string }).code === "23505")
      return problemResponse(new Problem(409, "Conflict", "The PosRef was already used for this kind of transaction."));
    return problemResponse(new Problem(500, "Internal Server Error", "An unexpected error occurred."));
  }
}

/** Mounted handler, with the configured per-request latency (`SANDBOX_LATENCY_MS`). */
export const handler = withLatency(route);
