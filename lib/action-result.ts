export type ActionErrorCode =
  | "unauthenticated"
  | "not_found"
  | "forbidden"
  | "invalid"
  | "declined"
  | "conflict"
  | "unavailable"
  | "rate_limited"
  | "failed";

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; code: ActionErrorCode; error: string; fieldErrors?: Record<string, string[]> };

export function actionError(
  code: ActionErrorCode,
  error: string,
  fieldErrors?: Record<string, string[]>,
): ActionResult<never> {
  return { ok: false, code, error, ...(fieldErrors ? { fieldErrors } : {}) };
}
