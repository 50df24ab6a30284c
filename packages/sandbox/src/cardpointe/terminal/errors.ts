import { json } from "../http";

/** Terminal API error bodies: `{errorCode, errorMessage}` with 400 (3 generic, 4 missing) or 500 codes. */
export class TerminalError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
  toResponse(): Response {
    return json({ errorCode: this.errorCode, errorMessage: this.message, ...this.extra }, this.status);
  }
}

export const missing = (what: string) => new TerminalError(400, 4, `Missing Required Parameter(s): ${what}`);
export const invalid = (message: string) => new TerminalError(400, 3, message);
