import type { ActionResult } from "@/lib/action-result";

/** A revoked or expired session answers "unauthenticated": go to sign-in instead of showing an error. */
export function toLoginIfSignedOut(r: ActionResult<unknown> | undefined): void {
  if (r && !r.ok && r.code === "unauthenticated") window.location.assign("/login");
}
