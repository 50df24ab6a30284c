import { env } from "@/lib/env";

export type WebHandler = (req: Request) => Promise<Response>;

/**
 * Exports for a catch-all route file under app/sandbox/<service>/[...path]/route.ts.
 * Sandboxes answer only when sandbox mode is on (default outside production; SANDBOX=on in production).
 */
export function sandboxRoute(handler: WebHandler) {
  const h = async (req: Request): Promise<Response> => {
    if (!env().sandboxEnabled) return new Response("Not found", { status: 404 });
    return handler(req);
  };
  return { GET: h, POST: h, PUT: h, PATCH: h, DELETE: h };
}
