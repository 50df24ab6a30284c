import { randomBytes } from "node:crypto";
import { findAccountByKey } from "../core/accounts";
import { accountNow } from "../core/clock";
import { GatewayError, badRequest, ok } from "../core/envelope";
import { asObject, optObject, str } from "../core/fields";
import { withTx } from "../core/schema";
import type { Route, RouteCtx } from "../core/types";
import { binInfo, isExpired, parseExpiry } from "../transactions/cards";
import { achSecret, cardSecret } from "../vault/input";
import type { PaymentSecret } from "../vault/store";
import { insertToken, TOKEN_TTL_MS } from "../vault/tokens";
import { fluidpayCss } from "../../iframe-css";
import { tokenizerPage } from "./page";
import { TOKENIZER_JS } from "./script";

async function publicAccount(key: string) {
  if (!key.startsWith("pub_")) throw new GatewayError(401, "unauthorized: a public (pub_) key is required");
  const account = await findAccountByKey(key);
  if (!account) throw new GatewayError(401, "unauthorized");
  return account;
}

/** `settings.styles`, which tokenizer.js hands its own iframe page as JSON in the `styles` query parameter. */
function parseStyles(raw: string | null): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

async function page(ctx: RouteCtx): Promise<Response> {
  const key = ctx.params.key ?? "";
  const account = await publicAccount(key).catch(() => undefined);
  if (!account) return new Response("Unknown public key", { status: 401, headers: { "content-type": "text/plain" } });
  const nonce = randomBytes(16).toString("base64");
  const types = (ctx.query.get("types") ?? "card")
    .split(",")
    .filter((t): t is "card" | "ach" => t === "card" || t === "ach");
  const html = tokenizerPage({
    publicKey: key,
    frameId: (ctx.query.get("id") ?? "").slice(0, 100),
    parentOrigin: /^https?:\/\/[^/]+$/.test(ctx.query.get("origin") ?? "") ? (ctx.query.get("origin") as string) : "",
    types: types.length ? types : ["card"],
    requireCvv: ctx.query.get("requireCVV") !== "false",
    tokenPath: `/sandbox/gateway/tokenizer/${encodeURIComponent(key)}/token`,
    nonce,
    css: fluidpayCss(parseStyles(ctx.query.get("styles"))),
  });
  return new Response(html, {
    status: 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      // Framed by any merchant page; everything else locked to this origin.
      "content-security-policy": `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'none'`,
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
}

async function token(ctx: RouteCtx): Promise<Response> {
  const account = await publicAccount(ctx.params.key ?? "");
  const o = asObject(ctx.body);
  const type = str(o, "type", { required: true, oneOf: ["card", "ach"] });
  const now = await accountNow(account.id);
  let secret: PaymentSecret;
  let meta: Record<string, unknown>;
  if (type === "card") {
    const c = optObject(o, "card");
    if (!c) throw badRequest("card is required");
    secret = cardSecret(c, "card");
    const exp = parseExpiry(secret.kind === "card" ? secret.expiration_date : "");
    if (!exp || isExpired(exp, now)) throw badRequest("invalid card.expiration_date: card is expired");
    const cvc = str(c, "cvc", { pattern: /^\d{3,4}$/, path: "card.cvc" });
    const number = secret.kind === "card" ? secret.number : "";
    const info = binInfo(number);
    meta = {
      first_six: number.slice(0, 6),
      last_four: number.slice(-4),
      card_type: info.card_brand,
      exp: secret.kind === "card" ? secret.expiration_date : "",
      cvc_present: Boolean(cvc),
      is_surchargeable: info.is_surchargeable,
    };
  } else {
    const a = optObject(o, "ach");
    if (!a) throw badRequest("ach is required");
    secret = achSecret(a, "ach");
    meta = {
      last_four: secret.kind === "ach" ? secret.account_number.slice(-4) : "",
      routing_number: secret.kind === "ach" ? secret.routing_number : "",
      account_type: secret.kind === "ach" ? secret.account_type : "",
    };
  }
  const id = await withTx((c) => insertToken(c, account.id, secret, meta, now));
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS).toISOString();
  return ok(
    type === "card"
      ? { status: "success", token: id, type, expires_at: expiresAt, card: meta }
      : { status: "success", token: id, type, expires_at: expiresAt, ach: meta },
  );
}

const script = async () =>
  new Response(TOKENIZER_JS, {
    status: 200,
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "access-control-allow-origin": "*",
      "cache-control": "no-cache",
    },
  });

export const tokenizerRoutes: Route[] = [
  { method: "GET", path: "/tokenizer/tokenizer.js", auth: "none", handle: script },
  { method: "GET", path: "/tokenizer/:key", auth: "none", handle: page },
  // The vendor's own iframe path, for clients that build it themselves.
  { method: "GET", path: "/api/tokenizer/:key", auth: "none", handle: page },
  { method: "POST", path: "/tokenizer/:key/token", auth: "none", handle: token },
];
