import "server-only";
import { env } from "@/lib/env";

/**
 * The portal's way to the sandboxes' test hooks (`/sandbox/<service>/_control/...`, docs/sandbox.md): plain HTTP to
 * the portal's own origin, where the sandboxes are mounted in sandbox mode. The transport is a port: the start
 * script's seed, which runs before the web server listens, plugs in the sandbox package's in-process dispatcher
 * (lib/cli/sandbox.ts), and so do the integration tests; everything else uses `fetch`.
 */
export type SandboxTransport = (req: Request) => Promise<Response>;

let transport: SandboxTransport = (req) => fetch(req);

export function setSandboxTransport(next: SandboxTransport): void {
  transport = next;
}

export class SandboxControlError extends Error {}

/** POSTs a JSON body to a control endpoint and returns its JSON answer; a non-2xx answer is an error. */
export async function sandboxControl<T = Record<string, unknown>>(
  service: "gateway" | "cardpointe" | "copilot" | "giftcard",
  path: string,
  body: unknown = {},
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await transport(
    new Request(`${env().appUrl}/sandbox/${service}/_control/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
  );
  if (!res.ok) throw new SandboxControlError(`sandbox ${service} _control/${path} answered ${res.status}`);
  return (await res.json()) as T;
}
