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
export function copilotHosts(environment: "sandbox" | "uat" | "production"): CoPilotHosts {
  if (environment === "sandbox") {
    const base = `${env().appUrl}/sandbox/copilot`;
    return { accounts: `${base}/accounts`, api: `${base}/api` };
  }
  // UAT hosts: seed 000 line 84 / 001 line 81 (API), services.md §CoPilot (Keycloak token host "accountsuat").
  if (environment === "uat")
    return { accounts: "https://accountsuat.cardconnect.com", api: "https://api-uat.cardconnect.com" };
  return { accounts: "https://accounts.cardconnect.com", api: "https://api.cardconnect.com" };
}
export * from "./billing-plans";
