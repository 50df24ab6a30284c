import { mounted } from "@portal/sandbox";
import { env } from "@/lib/env";

/**
 * The composition point of the sandboxes (with lib/cli/sandbox.ts for the seed): every `/sandbox/<service>/...`
 * request goes to the emulator package, only in sandbox mode (default outside production; `SANDBOX=on` in
 * production). Otherwise the path does not exist.
 */
export const dynamic = "force-dynamic";

async function handle(req: Request): Promise<Response> {
  if (!env().sandboxEnabled) return new Response("Not found", { status: 404 });
  return mounted(req);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
