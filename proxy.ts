import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { newNonce, securityHeaders } from "@/lib/security/headers";

/**
 * Security headers on every response, and a fresh CSP nonce for every page. The policy travels on the request
 * too: Next.js reads the nonce from it and stamps its own scripts (pages render per request; app/layout.tsx
 * reads the nonce, which keeps every page dynamic). This is not an access boundary (the guard is).
 */
export function proxy(request: NextRequest) {
  const { headers, csp } = securityHeaders({ pathname: request.nextUrl.pathname, nonce: newNonce(), env: env() });
  let response: NextResponse;
  if (/%00|\0/.test(request.nextUrl.search)) {
    // A NUL in the query string can be nothing but hostile, and PostgreSQL refuses it in text: answer 400 here rather
    // than let a page that reads `?q=` straight from the URL fail its query with a 500.
    response = new NextResponse("Bad request", { status: 400, headers: { "content-type": "text/plain" } });
  } else if (csp) {
    const forwarded = new Headers(request.headers);
    forwarded.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers: forwarded } });
  } else {
    response = NextResponse.next();
  }
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}

export const config = {
  // Built assets are immutable files without markup; everything else (pages, actions, API, sandboxes) gets headers.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
