import type { ActionErrorCode } from "@/lib/action-result";

/**
 * An error whose message is written for the person using the portal (services throw it for rule
 * violations: "refund exceeds the settled amount"). Anything else is internal: logged, never shown.
 */
export class UserError extends Error {
  constructor(
    readonly code: Exclude<ActionErrorCode, "unauthenticated" | "not_found" | "forbidden">,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}

export function fieldError(field: string, message: string): UserError {
  return new UserError("invalid", message, { [field]: [message] });
}
