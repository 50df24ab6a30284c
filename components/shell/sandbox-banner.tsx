import { env } from "@/lib/env";
import { sandboxInProduction } from "@/lib/security/sandbox-mode";

/**
 * On every page of a production build that runs the sandboxes (the `npm start` demo, or an explicit SANDBOX=on):
 * the payment services are emulators and the demo logins are published, so nobody may mistake it for a real portal.
 */
export function SandboxBanner() {
  if (!sandboxInProduction(env())) return null;
  return (
    <div
      role="note"
      aria-label="Sandbox mode"
      data-sandbox-banner=""
      className="border-b-4 border-red-700 bg-red-600 px-4 py-2 text-center text-sm font-semibold text-white"
    >
      SANDBOX MODE — payments, boarding and gift cards go to built-in emulators and the demo sign-ins are public. Do not
      enter real customer or card data.
    </div>
  );
}
