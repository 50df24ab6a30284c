import type { Env } from "@/lib/env";

/** A production build serving the sandboxes: the banner on every page and a warning in the log say so. */
export function sandboxInProduction(e: Pick<Env, "sandboxEnabled" | "NODE_ENV">): boolean {
  return e.sandboxEnabled && e.NODE_ENV === "production";
}

export const SANDBOX_IN_PRODUCTION_LOG =
  "SANDBOX=on with NODE_ENV=production: the payment services are emulators and the demo logins are published. Never use this for real customers.";
