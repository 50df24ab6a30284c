import { DEFAULT_TOKENIZER_ORIGINS, type Env } from "@/lib/env";

/**
 * Security headers of every response, decided in one place (proxy.ts applies them). Pages get a
 * Content-Security-Policy with a fresh nonce per request: Next.js reads the nonce from the request's CSP header
 * and stamps it on its own inline and bundle scripts, so no script runs without it ('strict-dynamic' lets those
 * trusted scripts load their chunks and the gateway's tokenizer script).
 */

/** Where proxy.ts keeps the X-Forwarded-For chain a request arrived with (lib/auth/request.ts reads it). */
export const FORWARDED_CHAIN_HEADER = "x-portal-forwarded-for";

export type SurfaceKind =
  /** Back-office pages (merchant, partner, account, login). */
  | "portal"
  /** The public hosted invoice page /pay/… : only the gateway's tokenizer is admitted. */
  | "pay"
  /** Pages whose URL carries a one-time secret (set-password links): no referrer, no cache, no index. */
  | "secret-link"
  /**
   * Documents the sandboxes serve with a policy of their own: the hosted tokenizer pages, framed by any merchant page
   * as the real hosted tokenizers are (`frame-ancestors *`), and the emulated hosted invoice page. Next.js keeps a
   * header the proxy set over the route's own, so the proxy sets no CSP or X-Frame-Options on these.
   */
  | "sandbox-page"
  /** The emulated CoPilot e-signature page: a plain form with inline styles, posting to itself. */
  | "sandbox-sign"
  /** Everything that is not a page: route handlers (JSON, CSV), the sandboxes' APIs, built assets. */
  | "api";

/**
 * Sandbox documents with their own policy: gateway /tokenizer/<key> and /api/tokenizer/<key>, the hosted invoice page
 * /invoice/<hash>, CardPointe /<site>/itoke/… .
 */
const SANDBOX_PAGE = /^\/sandbox\/(?:gateway\/(?:(?:api\/)?tokenizer\/|invoice\/)|cardpointe\/[^/]+\/itoke\/)/;

export function surfaceOf(pathname: string): SurfaceKind {
  if (pathname === "/pay" || pathname.startsWith("/pay/")) return "pay";
  if (pathname.startsWith("/set-password/") || pathname.startsWith("/reset-password/")) return "secret-link";
  if (SANDBOX_PAGE.test(pathname)) return "sandbox-page";
  if (pathname.startsWith("/sandbox/copilot/sign/")) return "sandbox-sign";
  if (pathname.startsWith("/sandbox/") || pathname.startsWith("/api/") || pathname.startsWith("/_next/")) return "api";
  return "portal";
}

/**
 * The policy of every response that is not a page: nothing may load from it, frame it or post from it (JSON, CSV,
 * redirects, built assets).
 */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The emulated e-signature page (its URL carries the signing token): inline styles, a form posting to itself. */
export const SANDBOX_SIGN_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** 128 random bits, base64: unguessable and unique per response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Origins allowed to serve the hosted tokenizer (script and iframe): TOKENIZER_ORIGINS when set; otherwise the
 * portal itself when the sandboxes are on (they serve the emulated tokenizers at /sandbox/gateway/tokenizer and
 * /sandbox/cardpointe/…/itoke), else the vendors' production and test hosts.
 */
export function tokenizerOrigins(e: Pick<Env, "sandboxEnabled" | "appUrl" | "TOKENIZER_ORIGINS">): string[] {
  if (e.TOKENIZER_ORIGINS?.length) return [...new Set(e.TOKENIZER_ORIGINS)];
  return e.sandboxEnabled ? [new URL(e.appUrl).origin] : DEFAULT_TOKENIZER_ORIGINS;
}

export interface CspOptions {
  nonce: string;
  kind: "portal" | "pay" | "secret-link";
  tokenizerOrigins: string[];
  /** `next dev` needs eval (React's error overlay) and the HMR websocket. */
  dev?: boolean;
  /** https deployments upgrade any stray http sub-resource. */
  https?: boolean;
}

export function contentSecurityPolicy(o: CspOptions): string {
  const tokenizers = o.tokenizerOrigins;
  const eval_ = o.dev ? ["'unsafe-eval'"] : [];
  // The pay page lists its script sources instead of trusting 'strict-dynamic': the only script origins are this
  // site (Next.js bundles, nonce-stamped inline data) and the gateway's tokenizer (PCI DSS 6.4.3).
  const scriptSrc =
    o.kind === "pay"
      ? ["'self'", `'nonce-${o.nonce}'`, ...tokenizers, ...eval_]
      : ["'self'", `'nonce-${o.nonce}'`, "'strict-dynamic'", ...eval_];
  const directives: [string, string[]][] = [
    ["default-src", ["'self'"]],
    ["script-src", scriptSrc],
    // <style> elements need the nonce; style="" attributes (React, Recharts) cannot carry one. `next dev` injects
    // un-nonced <style> tags for hot reload.
    ["style-src", o.dev ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${o.nonce}'`]],
    ["style-src-attr", ["'unsafe-inline'"]],
    ["img-src", ["'self'", "data:", "blob:"]],
    ["font-src", ["'self'"]],
    ["connect-src", o.dev ? ["'self'", "ws:"] : ["'self'"]],
    // Card entry happens only in the gateway's iframe; the portal frames nothing else.
    ["frame-src", tokenizers.length && o.kind !== "secret-link" ? tokenizers : ["'none'"]],
    ["worker-src", ["'self'", "blob:"]],
    ["manifest-src", ["'self'"]],
    ["media-src", ["'none'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'none'"]],
    ["form-action", ["'self'"]],
    ["frame-ancestors", ["'none'"]],
  ];
  const parts = directives.map(([k, v]) => `${k} ${v.join(" ")}`);
  if (o.https) parts.push("upgrade-insecure-requests");
  return parts.join("; ");
}

export interface HeaderOptions {
  pathname: string;
  nonce: string;
  env: Pick<Env, "sandboxEnabled" | "appUrl" | "TOKENIZER_ORIGINS" | "NODE_ENV">;
}

/**
 * The response headers for one request. `csp` is also what the proxy forwards on the request so Next.js can
 * find the nonce (null where no policy applies).
 */
export function securityHeaders(o: HeaderOptions): { headers: Record<string, string>; csp: string | null } {
  const kind = surfaceOf(o.pathname);
  const https = o.env.appUrl.startsWith("https://");
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), usb=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  // Only over https: a browser pinned to https on a plain-http host would lock people out.
  if (https && o.env.NODE_ENV === "production") {
    headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  }
  if (kind === "sandbox-page") {
    headers["Referrer-Policy"] = "no-referrer";
    return { headers, csp: null };
  }
  if (kind === "sandbox-sign") {
    headers["Content-Security-Policy"] = SANDBOX_SIGN_CSP;
    headers["X-Frame-Options"] = "DENY";
    headers["Referrer-Policy"] = "no-referrer";
    return { headers, csp: null };
  }
  if (kind === "api") {
    headers["Content-Security-Policy"] = NON_PAGE_CSP;
    headers["X-Frame-Options"] = "DENY";
    return { headers, csp: null };
  }

  const csp = contentSecurityPolicy({
    nonce: o.nonce,
    kind,
    tokenizerOrigins: tokenizerOrigins(o.env),
    dev: o.env.NODE_ENV === "development",
    https,
  });
  headers["Content-Security-Policy"] = csp;
  headers["X-Frame-Options"] = "DENY";
  if (kind === "pay" || kind === "secret-link") {
    // The link token is in the URL: no referrer leaves the page, nothing is cached or indexed.
    headers["Referrer-Policy"] = "no-referrer";
    headers["X-Robots-Tag"] = "noindex, nofollow";
    headers["Cache-Control"] = "no-store";
  }
  return { headers, csp };
}
