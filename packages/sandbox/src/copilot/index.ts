import { withLatency } from "../latency";
import * as billing from "./billing";
import type { ApiContext, ApiRoute } from "./context";
import { control } from "./control";
import { listEquipment } from "./equipment";
import { injectFault } from "./faults";
import { ApiError, errorResponse, fieldError, json, ok, requestOrigin } from "./http";
import { LOOKUPS } from "./lookups";
import * as merchants from "./merchant-routes";
import * as orders from "./orders";
import * as signature from "./signature";
import { authenticate, tokenEndpoint } from "./token";

/**
 * CoPilot sandbox: one Web handler for the accounts host (`/sandbox/copilot/accounts/...`, token),
 * the API host (`/sandbox/copilot/api/...`), the e-signature page (`/sandbox/copilot/sign/<token>`)
 * and the test controls (`/sandbox/copilot/_control/...`).
 */

const TOKEN_PATH = "auth/realms/cardconnect/protocol/openid-connect/token";

type Method = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
const routes: [Method, RegExp, ApiRoute][] = [
  ["POST", /^merchant$/, merchants.createMerchant],
  ["GET", /^merchant\/([^/]+)$/, merchants.getMerchant],
  ["PUT", /^merchant\/([^/]+)$/, merchants.updateMerchant],
  ["GET", /^merchant\/([^/]+)\/status$/, merchants.getStatus],
  ["PUT", /^merchant\/([^/]+)\/signature$/, signature.requestSignature],
  ["GET", /^merchant\/([^/]+)\/signature$/, signature.getSignature],
  ["DELETE", /^merchant\/([^/]+)\/signature$/, signature.retractSignature],
  ["PUT", /^merchant\/([^/]+)\/attachment$/, merchants.putAttachment],
  ["GET", /^merchant\/([^/]+)\/ownerSiteUser$/, merchants.getOwnerSiteUser],
  ["PUT", /^merchant\/([^/]+)\/ownerSiteUser$/, merchants.putOwnerSiteUser],
  ["GET", /^merchant\/([^/]+)\/customfields$/, merchants.getCustomFields],
  ["PUT", /^merchant\/([^/]+)\/customfields$/, merchants.putCustomFields],
  ["GET", /^equipmentCatalog\/list$/, listEquipment],
  ["POST", /^order$/, orders.createOrder],
  ["GET", /^order\/list$/, orders.listOrders],
  ["GET", /^order\/([^/]+)$/, orders.getOrder],
  ["PUT", /^order\/([^/]+)$/, orders.updateOrder],
  ["POST", /^order\/([^/]+)\/cancel$/, orders.cancelOrder],
  ["GET", /^lookup\/([^/]+)$/, lookup],
  ["POST", /^billingplan\/create$/, billing.createPlan],
  ["GET", /^billingplan\/list\/([^/]+)$/, billing.listPlans],
  ["POST", /^billingplan\/updateAccount$/, billing.updateAccount],
  ["POST", /^billingplan\/markAsPaid$/, billing.markAsPaid],
  ["POST", /^billingplan\/cancelPayment$/, billing.cancelPayment],
  ["POST", /^billingplan\/cancel$/, billing.cancelPlan],
  ["GET", /^billingplan\/([^/]+)\/([^/]+)$/, billing.getPlan],
];

async function lookup(ctx: ApiContext): Promise<Response> {
  const entry = LOOKUPS[ctx.params[0] ?? ""];
  if (!entry) throw ApiError.of(404, "1004", `Unknown lookup ${ctx.params[0]}.`, "lookup");
  return ok({ [entry[0]]: entry[1] });
}

async function api(req: Request, path: string): Promise<Response> {
  const matching = routes.filter(([, re]) => re.test(path));
  const route = matching.find(([m]) => m === req.method);
  if (!route) {
    if (matching.length) throw ApiError.of(405, "1007", `Method ${req.method} is not supported on /${path}.`);
    throw ApiError.of(404, "1004", `No endpoint /${path}.`);
  }
  const auth = await authenticate(req);
  if ("error" in auth)
    return json({ errors: [fieldError("401", auth.error, null, 401)] }, 401, {
      "www-authenticate": `Bearer realm="cardconnect", error="invalid_token", error_description="${auth.error}"`,
    });
  const version = req.headers.get("x-copilotapi-version");
  if (version === null)
    throw ApiError.of(400, "1003", "The X-CopilotAPI-Version header is required (1.0).", "X-CopilotAPI-Version");
  if (version.trim() !== "1.0")
    throw ApiError.of(
      400,
      "1003",
      `Unsupported X-CopilotAPI-Version ${version}; the current version is 1.0.`,
      "X-CopilotAPI-Version",
    );
  const type = req.headers.get("content-type");
  // Spring answers 415 to a body it cannot read as JSON; a missing Content-Type is tolerated.
  if (type && req.method !== "GET" && req.method !== "DELETE" && !/^application\/(.+\+)?json/i.test(type))
    throw ApiError.of(415, "1008", `Content type '${type}' not supported; use application/json.`, "Content-Type");
  const fault = await injectFault(auth.user.id, auth.user.faults);
  if (fault)
    return json(
      { errors: [fieldError("9998", "The service is temporarily unavailable. Please retry.", null, fault)] },
      fault,
    );
  const params = (route[1].exec(path) ?? []).slice(1).map(decodeURIComponent);
  const url = new URL(req.url);
  return route[2]({ req, user: auth.user, params, origin: requestOrigin(req), query: url.searchParams });
}

async function dispatch(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const rest = url.pathname.replace(/^\/sandbox\/copilot\/?/, "").replace(/\/+$/, "");
  const [area, ...tail] = rest.split("/");
  if (area === "accounts" && tail.join("/") === TOKEN_PATH) return tokenEndpoint(req);
  if (area === "api") return api(req, tail.join("/"));
  if (area === "sign" && tail.length === 1) return signature.signPage(req, tail[0]!);
  if (area === "_control") return control(req, tail);
  return json({ error: "not_found", message: `No CoPilot sandbox endpoint at ${url.pathname}` }, 404);
}

async function route(req: Request): Promise<Response> {
  try {
    return await dispatch(req);
  } catch (err) {
    if (err instanceof ApiError) return errorResponse(err);
    // Never a stack trace in a body: the documented envelope with a generic message.
    return json({ errors: [fieldError("9999", "An unexpected error occurred.", null, 500)] }, 500);
  }
}

/** Mounted handler, with the configured per-request latency (`SANDBOX_LATENCY_MS`). */
export const handler = withLatency(route);
