import type { ActionResult } from "@/lib/action-result";

/** The data of a successful action result; a failed one throws with the whole result (so the test shows why). */
export function ok<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(`action failed: ${JSON.stringify(r)}`);
  return r.data;
}
