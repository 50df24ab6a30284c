/**
 * The client address for throttling. X-Forwarded-For is trusted because production runs behind a
 * load balancer that sets it (docs/decisions.md); on loopback it falls back to "local".
 */
export function clientIp(request: Request | undefined): string {
  return clientIpFromHeaders(request?.headers);
}

/** The same, from a server action's or page's `headers()`. */
export function clientIpFromHeaders(h: Headers | undefined | null): string {
  const forwarded = h?.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || h?.get("x-real-ip") || "local";
}

/** The caller's address inside a server action; "local" outside a request (integration tests). */
export async function actionClientIp(): Promise<string> {
  let h: Headers | null = null;
  try {
    const { headers } = await import("next/headers");
    h = await headers();
  } catch {
    // No request scope: called directly, not through Next.
  }
  return clientIpFromHeaders(h);
}
