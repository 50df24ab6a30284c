import { withLatency } from "../latency";
import { cardsecureRoute } from "./cardsecure";
import { controlRoute } from "./control";
import { gatewayRoute } from "./gateway/router";
import { parseHostPrefix } from "./host";
import { json, text } from "./http";
import { itokePage } from "./itoke";
import { type CreatedMerchant, type CreateMerchantOptions, createMerchant } from "./merchants";
import { terminalRoute } from "./terminal/router";

export type { CreatedMerchant, CreateMerchantOptions };

const MOUNT = "/sandbox/cardpointe";

/**
 * CardPointe sandbox: Gateway REST, CardSecure, hosted iFrame tokenizer and Integrated Terminal, each under
 * `/sandbox/cardpointe/<site>[-uat]/...` in the shape of its production host, plus `_control/*`.
 */
async function route(req: Request): Promise<Response> {
  const url = new URL(req.url);
  if (!url.pathname.startsWith(MOUNT + "/")) return text("Not Found", 404);
  // Keep empty segments: `/profile/<id>//<merchid>` means "every account".
  const segs = url.pathname.slice(MOUNT.length + 1).split("/");
  const [prefix = "", ...rest] = segs;
  try {
    if (prefix === "_control") return await controlRoute(req, rest.join("/"));
    const host = parseHostPrefix(prefix);
    if (!host) return text("Not Found", 404);
    const [a, b, c] = rest;
    if (a === "cardconnect" && b === "rest") return await gatewayRoute(req, host, rest.slice(2), url);
    if (a === "cardsecure" && b === "api" && c === "v1") return await cardsecureRoute(req, host, rest.slice(3));
    if (a === "itoke" && b === "ajax-tokenizer.html" && rest.length === 2) {
      return itokePage(host, prefix.toLowerCase(), url.searchParams);
    }
    if (a === "api") return await terminalRoute(req, host, rest.slice(1));
    return text("Not Found", 404);
  } catch {
    // Never leak internals: each family's documented 500 shape, no stack.
    const a = rest[0];
    if (a === "api") return json({ errorCode: 1, errorMessage: "Internal server error" }, 500);
    if (a === "cardsecure") return json({ message: "Server failed", errorcode: 43 }, 500);
    if (prefix === "_control") return json({ error: "internal_error" }, 500);
    return text("Internal Server Error", 500);
  }
}

/** In-process merchant creation for the portal's demo seed (same as `POST /_control/merchants`). */
export function createSandboxMerchant(opts: CreateMerchantOptions = {}): Promise<CreatedMerchant> {
  return createMerchant(opts);
}

/** Mounted handler, with the configured per-request latency (`SANDBOX_LATENCY_MS`). */
export const handler = withLatency(route);
