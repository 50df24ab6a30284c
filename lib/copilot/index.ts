import { env } from "@/lib/env";
import type { CoPilotHosts } from "./types";

export { CoPilotClient, clearTokenCache, forgetToken } from "./client";
export * from "./errors";
export type * from "./types";

/**
 * Base URLs by environment. Sandbox → the portal's own emulator; production → CardConnect. The
 * environment of a partner's credentials picks the hosts, so sandbox credentials never reach
 * production hosts or the reverse.
 */
export function copilotHosts(environment: "sandbox" | "production"): CoPilotHosts {
  if (environment === "sandbox") {
    const base = `${env().appUrl}/sandbox/copilot`;
    return { accounts: `${base}/accounts`, api: `${base}/api` };
  }
  return { accounts: "https://accounts.cardconnect.com", api: "https://api.cardconnect.com" };
}
export * from "./billing-plans";
