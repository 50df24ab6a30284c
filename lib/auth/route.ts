import { authorize, type MerchantContext, type PartnerContext } from "./guard";
import { Forbidden, NotFound, Unauthenticated } from "./errors";
import { GUARD, type GuardInfo } from "./guard-info";
import type { MerchantPermission, PartnerPermission } from "./permissions";
import { UserError } from "@/lib/errors";
import { log } from "@/lib/log";

type Params = Record<string, string | string[] | undefined>;
type RouteContext = { params: Promise<Params> };
export type GuardedRoute = ((req: Request, ctx: RouteContext) => Promise<Response>) & { [GUARD]: GuardInfo };

/**
 * Largest request body a guarded route handler reads: above the biggest upload (a 5 MB file batch plus multipart
 * overhead). Checked on the declared content-length and, for bodies without one (chunked), while streaming.
 */
export const MAX_ROUTE_BODY_BYTES = 6 * 1024 * 1024;

export class PayloadTooLarge extends Error {
  constructor() {
    super(`The request body is larger than ${MAX_ROUTE_BODY_BYTES} bytes.`);
    this.name = "PayloadTooLarge";
  }
}

/** The request with its body capped at `max` bytes (reading past it fails with PayloadTooLarge). */
function limitBody(req: Request, max = MAX_ROUTE_BODY_BYTES): Request {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > max) throw new PayloadTooLarge();
  if (!req.body) return req;
  let seen = 0;
  const body = req.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > max) controller.error(new PayloadTooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(req, { body, duplex: "half" } as RequestInit);
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/** The SQLSTATE of a PostgreSQL error on the error or its cause (drizzle wraps the driver's error). */
function pgCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** Ids in a route's path (batch, run, application …): letters, digits, "-" and "_"; anything else names nothing. */
const PATH_ID = /^[A-Za-z0-9_-]{1,128}$/;

function malformedParam(p: Params): boolean {
  return Object.values(p).some((v) => typeof v !== "string" || !PATH_ID.test(v));
}

/** A NUL anywhere in the query string: PostgreSQL refuses it in any text, so no filter can use it. */
function nulInQuery(req: Request): boolean {
  const search = new URL(req.url).searchParams;
  for (const [k, v] of search) if (k.includes("\u0000") || v.includes("\u0000")) return true;
  return false;
}

const nulQuery = () =>
  new UserError("invalid", "The address contains a character that cannot be searched for.", {
    _form: ["Remove the NUL character from the address."],
  });

export function errorResponse(err: unknown): Response {
  if (err instanceof Unauthenticated) return json(401, { error: "unauthenticated" });
  // Outsiders and unknown ids look the same; so does an id that cannot exist.
  // 22P02 invalid input syntax (e.g. a path id that is not a UUID).
  if (err instanceof NotFound || pgCode(err) === "22P02") return json(404, { error: "not_found" });
  // 22021: a character PostgreSQL cannot take (NUL) that got past validation.
  if (pgCode(err) === "22021")
    return json(400, { error: "invalid", message: "The request contains an invalid character." });
  if (err instanceof Forbidden) return json(403, { error: "forbidden" });
  if (err instanceof UserError)
    return json(400, { error: err.code, message: err.message, fieldErrors: err.fieldErrors });
  if (err instanceof PayloadTooLarge || (err as { cause?: unknown })?.cause instanceof PayloadTooLarge)
    return json(413, { error: "too_large", message: "The upload is too large." });
  log().error({ err }, "route handler failed");
  return json(500, { error: "internal", message: "Something went wrong on our side." });
}

function mark(info: GuardInfo, fn: (req: Request, ctx: RouteContext) => Promise<Response>): GuardedRoute {
  Object.defineProperty(fn, GUARD, { value: info, enumerable: false });
  return fn as GuardedRoute;
}

/** Route handlers under app/api/m/[merchantId]/...: the same guard as actions and pages. */
export function merchantRoute(
  permission: MerchantPermission,
  handler: (req: Request, ctx: MerchantContext, params: Params) => Promise<Response>,
): GuardedRoute {
  return mark({ kind: "merchant", permission }, async (req, { params }) => {
    try {
      const p = await params;
      const ctx = await authorize(undefined, { merchantId: String(p.merchantId ?? "") }, permission);
      if (malformedParam(p)) throw new NotFound();
      if (nulInQuery(req)) throw nulQuery();
      return await handler(limitBody(req), ctx, p);
    } catch (err) {
      return errorResponse(err);
    }
  });
}

export function partnerRoute(
  permission: PartnerPermission,
  handler: (req: Request, ctx: PartnerContext, params: Params) => Promise<Response>,
): GuardedRoute {
  return mark({ kind: "partner", permission }, async (req, { params }) => {
    try {
      const p = await params;
      const ctx = await authorize(undefined, { partnerId: String(p.partnerId ?? "") }, permission);
      if (malformedParam(p)) throw new NotFound();
      if (nulInQuery(req)) throw nulQuery();
      return await handler(limitBody(req), ctx, p);
    } catch (err) {
      return errorResponse(err);
    }
  });
}
