/**
 * The client address for throttling. X-Forwarded-For is trusted because production runs behind a
 * load balancer that sets it (docs/decisions.md); on loopback it falls back to "local".
 */
export function clientIp(request: Request | undefined): string {
  const h = request?.headers;
  const forwarded = h?.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || h?.get("x-real-ip") || "local";
}
