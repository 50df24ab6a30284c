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

/**
 * Errors by field: named by the action's zod schema (nested ones as `parent.child`, `_form` for what belongs to no
 * one field), so a form sees its own fields' names. A service's rule may also name a field the form shows under
 * another name (a `UserError` with `number` for `invoice.number`), hence any other name may be read too.
 */
export type FieldErrors<F extends string = string> = { [K in F | "_form"]?: string[] } & {
  [field: string]: string[] | undefined;
};

export type ActionResult<T, F extends string = string> =
  { ok: true; data: T } | { ok: false; code: ActionErrorCode; error: string; fieldErrors?: FieldErrors<F> };

export function actionError(
  code: ActionErrorCode,
  error: string,
  fieldErrors?: Record<string, string[]>,
): ActionResult<never, never> {
  return { ok: false, code, error, ...(fieldErrors ? { fieldErrors } : {}) };
}
