import { checkHealth } from "@/lib/services/health";

export const dynamic = "force-dynamic";

/** Public liveness and database check for load balancers (no tenant data). */
export async function GET(): Promise<Response> {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
