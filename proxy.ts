import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { FORWARDED_CHAIN_HEADER, newNonce, securityHeaders } from "@/lib/security/headers";

/**
 * Runs before every request (built assets included):
 * - security headers on every response, and a fresh CSP nonce for every page. The policy travels on the request too:
 *   Next.js reads the nonce from it and stamps its own scripts (pages render per request; app/layout.tsx reads the
 *   nonce, which keeps every page dynamic);
 * - the client-supplied X-Forwarded-For is moved to X-Portal-Forwarded-For, so that Next.js, finding none, sets
 *   X-Forwarded-For to the socket's address (lib/auth/request.ts trusts the chain only through TRUSTED_PROXIES).
 * This is not an access boundary (the guard is).
 */
export function proxy(request: NextRequest) {
  const { headers, csp } = securityHeaders({ pathname: request.nextUrl.pathname, nonce: newNonce(), env: env() });
  let response: NextResponse;
  if (/%00|\0/.test(request.nextUrl.search)) {
    // A NUL in the query string can be nothing but hostile, and PostgreSQL refuses it in text: answer 400 here rather
    // than let a page that reads `?q=` straight from the URL fail its query with a 500.
    response = new NextResponse("Bad request", { status: 400, headers: { "content-type": "text/plain" } });
  } else {
    const forwarded = new Headers(request.headers);
    const chain = request.headers.get("x-forwarded-for");
    forwarded.delete("x-forwarded-for");
    forwarded.delete("x-real-ip");
    if (chain) forwarded.set(FORWARDED_CHAIN_HEADER, chain);
    else forwarded.delete(FORWARDED_CHAIN_HEADER);
    if (csp) forwarded.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}

export const config = {
  // Every path: pages, actions, route handlers, sandboxes, and built assets (their headers, and no request reaches a
  // handler without its forwarded-for chain moved aside).
  matcher: ["/:path*"],
};
