import { closeSandbox, dispatch } from "@portal/sandbox";
import { getDb } from "@/db/client";
import { seedDemo } from "./seed";
import { setSandboxTransport } from "@/lib/sandbox-control";
import { provisionSandboxMerchant } from "@/lib/services/merchants/provision-sandbox";

/**
 * The start script's half of the sandboxes' composition point (the other half mounts them in the web server:
 * app/sandbox/[...path]/route.ts). The demo seed runs before the web server listens, so the sandbox accounts it
 * provisions go through the same `_control` API, dispatched in this process; the sandboxes' pool ends with it.
 */
export async function seedDemoWithSandboxes(): Promise<void> {
  setSandboxTransport(dispatch);
  try {
    await seedDemo(getDb(), { provisionSandbox: provisionSandboxMerchant });
  } finally {
    await closeSandbox();
  }
}
