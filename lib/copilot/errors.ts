import { type ActionResult, actionError } from "@/lib/action-result";
import { wizardFieldFor } from "./transform";

export interface CoPilotFieldError {
  code: string;
  message: string;
  /** CoPilot's path, e.g. "merchant.ownership.owner.ownerDob". */
  errorField: string | null;
}

/** Base of the adapter's errors; `toActionResult` is what safe-action shows (never raw provider text for 5xx). */
export abstract class CoPilotError extends Error {
  abstract toActionResult(): ActionResult<never>;
}

/** CoPilot refused the request (4xx with errors[]): each error placed on the wizard field it concerns. */
export class CoPilotInvalid extends CoPilotError {
  constructor(
    readonly status: number,
    readonly errors: CoPilotFieldError[],
  ) {
    super(`copilot ${status}: ${errors.map((e) => `${e.code} ${e.errorField ?? ""}`).join(", ")}`);
    this.name = "CoPilotInvalid";
  }

  fieldErrors(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const e of this.errors) (out[wizardFieldFor(e.errorField)] ??= []).push(`${e.message} (CoPilot ${e.code})`);
    return out;
  }

  toActionResult() {
    return actionError(
      "invalid",
      "CoPilot did not accept the application. Please correct the highlighted fields.",
      this.fieldErrors(),
    );
  }
}

export class CoPilotNotFound extends CoPilotError {
  toActionResult() {
    return actionError("not_found", "CoPilot does not know this application.");
  }
}

/** CoPilot is down, slow or answered 5xx; nothing the person did wrong. */
export class CoPilotUnavailable extends CoPilotError {
  toActionResult() {
    return actionError(
      "unavailable",
      "CoPilot is not answering right now. Your draft is saved; please try again shortly.",
    );
  }
}

/** Our CoPilot credentials were refused (invalid_grant / invalid_client). */
export class CoPilotAuthFailed extends CoPilotError {
  constructor(
    message: string,
    /** The token endpoint's OAuth error code (`invalid_grant`, `invalid_client`), when it gave one. */
    readonly oauthError: string | null = null,
  ) {
    super(message);
    this.name = "CoPilotAuthFailed";
  }

  toActionResult() {
    return actionError(
      "unavailable",
      "The partner's CoPilot credentials were refused. Ask an administrator to check them.",
    );
  }
}

/** No CoPilot credentials stored for this partner in this environment (production: entered by an administrator). */
export class CoPilotNotConfigured extends CoPilotError {
  toActionResult() {
    return actionError(
      "unavailable",
      "Boarding is not set up for your partner account yet: CoPilot credentials are missing.",
    );
  }
}
