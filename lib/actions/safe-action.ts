import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { Forbidden, NotFound, Unauthenticated } from "@/lib/auth/errors";
import {
  authorize,
  type MerchantContext,
  type PartnerContext,
  requireSessionUser,
  type SessionUser,
} from "@/lib/auth/guard";
import { GUARD, type GuardInfo } from "@/lib/auth/guard-info";
import type { MerchantPermission, MerchantRole, PartnerPermission, PartnerRole } from "@/lib/auth/permissions";
import { UserError } from "@/lib/errors";
import { GatewayConfigError } from "@/lib/gateway";
import * as gw from "@/lib/gateway/errors";
import { log } from "@/lib/log";
import { type ActionResult, actionError } from "@/lib/action-result";

/**
 * Action clients, one per persona. An action body receives an authorised context and parsed input
 * and holds no auth code. Every action carries GUARD metadata; the registry test proves each one
 * rejects anonymous callers and users of another merchant.
 */
/** The zod schema an action parses its input with (read by the hostile-input fuzz tests to aim at real fields). */
export const INPUT_SCHEMA = Symbol.for("portal.action.input-schema");

type Input = FormData | Record<string, unknown> | null | undefined;

/** The field names of a schema's input: its keys, and nested paths under them (`items.0.quantity`). */
export type FieldName<S extends z.ZodType> = string extends keyof z.input<S>
  ? string
  : Extract<keyof z.input<S>, string> | `${Extract<keyof z.input<S>, string>}.${string}`;

/**
 * A server action: its zod schema and one function, bound by a client below to the guard (first), the schema, the
 * audit actor and the result type. Its result's field errors are typed by the schema.
 */
export type Action<T, F extends string = string> = ((a: unknown, b?: unknown) => Promise<ActionResult<T, F>>) & {
  [GUARD]: GuardInfo;
};

/** Who acts, as audit rows record it (the services write them in the transaction of the change). */
export interface Actor {
  userId: string;
  role: MerchantRole | PartnerRole | null;
}

/** Lone UTF-16 surrogates and NUL cannot be stored (PostgreSQL text and jsonb refuse them): U+FFFD instead. */
const UNSTORABLE = /[\uD800-\uDFFF]|\u0000/gu;

function setKey(out: Record<string, unknown>, key: string, value: unknown) {
  // defineProperty, so a "__proto__" key stays a plain field and never reaches the prototype.
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Strings made storable, in plain objects and arrays (other values — dates, files — are left as they are). */
function storable(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.replace(UNSTORABLE, "\uFFFD");
  if (depth > 32 || !value || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => storable(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) setKey(out, storable(k) as string, storable(v, depth + 1));
  return out;
}

/** Accepts `(input)` or `(prevState, input)` so the same action serves useActionState forms. */
function pickInput(a: unknown, b: unknown): Record<string, unknown> {
  const raw = (b !== undefined ? b : a) as Input;
  if (raw instanceof FormData) {
    const out: Record<string, unknown> = {};
    for (const key of new Set(raw.keys())) {
      if (key.startsWith("$ACTION")) continue;
      const values = raw.getAll(key).filter((v) => typeof v === "string");
      setKey(out, key, storable(key.endsWith("[]") ? values : values[0]));
    }
    return out;
  }
  return raw && typeof raw === "object" && !Array.isArray(raw) ? (storable(raw) as Record<string, unknown>) : {};
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function toActionError(err: unknown): ActionResult<never, never> {
  // Next.js redirects and notFound() travel as errors: let them through.
  unstable_rethrow(err);
  if (err instanceof Unauthenticated) return actionError("unauthenticated", err.message);
  if (err instanceof NotFound) return actionError("not_found", "Not found");
  if (err instanceof Forbidden) return actionError("forbidden", err.message);
  if (err instanceof UserError) return actionError(err.code, err.message, err.fieldErrors);
  const gateway = gatewayActionError(err);
  if (gateway) return gateway;
  const mapped = (err as { toActionResult?: () => ActionResult<never, never> } | null)?.toActionResult?.();
  if (mapped) return mapped;
  log().error({ err }, "action failed");
  return actionError("failed", "Something went wrong on our side. Nothing was changed; please try again.");
}

/** Provider errors → what the person sees (words from `userMessage`, the one place that decides them). */
function gatewayActionError(err: unknown): ActionResult<never, never> | null {
  if (err instanceof GatewayConfigError) {
    log().warn({ err }, "gateway not configured");
    return actionError("unavailable", "Payments are not available for this merchant yet.");
  }
  if (!gw.isGatewayError(err)) return null;
  const message = gw.userMessage(err);
  if (err instanceof gw.Declined) return actionError("declined", message);
  if (err instanceof gw.InvalidRequest) {
    const fields: Record<string, string[]> = {};
    for (const f of err.fieldErrors) (fields[f.field || "_form"] ??= []).push(f.message);
    return actionError("invalid", message, err.fieldErrors.length ? fields : undefined);
  }
  if (err instanceof gw.Unavailable) return actionError("unavailable", message);
  if (err instanceof gw.NotFound) return actionError("not_found", message);
  log().error({ err }, "gateway error");
  return actionError("failed", message);
}

function build<T, F extends string>(
  info: GuardInfo,
  schema: z.ZodType,
  run: (a: unknown, b?: unknown) => Promise<ActionResult<T, F>>,
): Action<T, F> {
  const fn = run as Action<T, F>;
  Object.defineProperty(fn, GUARD, { value: info, enumerable: false });
  Object.defineProperty(fn, INPUT_SCHEMA, { value: schema, enumerable: false });
  return fn;
}

function withActor<C extends MerchantContext | PartnerContext>(ctx: C): C & { actor: Actor } {
  return { ...ctx, actor: { userId: ctx.user.id, role: ctx.role } };
}

/** Guard (first, so outsiders learn nothing about the form) → zod → body. */
function scopedAction<S extends z.ZodType, C, T>(
  info: GuardInfo,
  authorizeScope: (raw: Record<string, unknown>) => Promise<C>,
  schema: S,
  body: (ctx: C, input: z.output<S>) => Promise<T>,
): Action<T, FieldName<S>> {
  return build(info, schema, async (a, b) => {
    try {
      const raw = pickInput(a, b);
      const ctx = await authorizeScope(raw);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return actionError("invalid", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
      }
      return { ok: true, data: await body(ctx, parsed.data) };
    } catch (err) {
      return toActionError(err);
    }
  });
}

/** The merchant and the acting user, as every merchant service call takes them: `service({ ...merchantScope(ctx), … })`. */
export function merchantScope(ctx: MerchantContext): {
  merchantId: string;
  actor: { userId: string; role: MerchantContext["role"] };
} {
  return { merchantId: ctx.merchant.id, actor: { userId: ctx.user.id, role: ctx.role } };
}

export function merchantAction<S extends z.ZodType, T>(
  permission: MerchantPermission,
  schema: S,
  body: (ctx: MerchantContext & { actor: Actor }, input: z.output<S>) => Promise<T>,
): Action<T, FieldName<S>> {
  return scopedAction(
    { kind: "merchant", permission },
    async (raw) => withActor(await authorize(undefined, { merchantId: String(raw.merchantId ?? "") }, permission)),
    schema,
    body,
  );
}

export function partnerAction<S extends z.ZodType, T>(
  permission: PartnerPermission,
  schema: S,
  body: (ctx: PartnerContext & { actor: Actor }, input: z.output<S>) => Promise<T>,
): Action<T, FieldName<S>> {
  return scopedAction(
    { kind: "partner", permission },
    async (raw) => withActor(await authorize(undefined, { partnerId: String(raw.partnerId ?? "") }, permission)),
    schema,
    body,
  );
}

/**
 * Actions on the signed-in user's own account (password, second factor, sessions): the guard is the
 * session itself; the body gets that user and never an id from the input. Reachable before an admin has
 * enrolled MFA under REQUIRE_ADMIN_MFA, since enrolling is one of them.
 */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  body: (ctx: { user: SessionUser; actor: Actor }, input: z.output<S>) => Promise<T>,
): Action<T, FieldName<S>> {
  return scopedAction(
    { kind: "user" },
    async () => {
      const user = await requireSessionUser(undefined, { allowWithoutMfa: true });
      return { user, actor: { userId: user.id, role: null } };
    },
    schema,
    body,
  );
}

/** For the few actions that must work without a session (sign-in, pay page); `reason` is reviewed in the registry. */
export function publicAction<S extends z.ZodType, T>(
  reason: string,
  schema: S,
  body: (input: z.output<S>) => Promise<T>,
): Action<T, FieldName<S>> {
  return build({ kind: "public", reason }, schema, async (a, b) => {
    try {
      const parsed = schema.safeParse(pickInput(a, b));
      if (!parsed.success) {
        return actionError("invalid", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
      }
      return { ok: true, data: await body(parsed.data) };
    } catch (err) {
      return toActionError(err);
    }
  });
}

/** A page to refresh after an action: a path, or `{ layout: path }` for that path and everything under it. */
export type RevalidateTarget = string | { layout: string };

/**
 * Refreshes the pages an action changed. Outside a Next.js request (integration tests, jobs) there is no page
 * cache to revalidate, and nothing happens.
 */
export function revalidate(...targets: RevalidateTarget[]): void {
  try {
    for (const t of targets) {
      if (typeof t === "string") revalidatePath(t);
      else revalidatePath(t.layout, "layout");
    }
  } catch {
    // Outside a Next.js request: nothing to revalidate.
  }
}
