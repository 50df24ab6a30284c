/** Wire helpers of the CoPilot sandbox: the `errors[]` envelope, JSON bodies, request origin. */

export interface CoPilotError {
  code: string;
  message: string;
  errorField: string | null;
  status: string;
}

const STATUS_NAMES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  415: "UNSUPPORTED_MEDIA_TYPE",
  500: "INTERNAL_SERVER_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

export function statusName(http: number): string {
  return STATUS_NAMES[http] ?? "BAD_REQUEST";
}

export function fieldError(code: string, message: string, errorField: string | null, http = 400): CoPilotError {
  return { code, message, errorField, status: statusName(http) };
}

/** Thrown anywhere below a route; the router turns it into the documented envelope. */
export class ApiError extends Error {
  constructor(
    readonly http: number,
    readonly errors: CoPilotError[],
  ) {
    super(errors.map((e) => e.message).join("; "));
  }

  static of(http: number, code: string, message: string, errorField: string | null = null): ApiError {
    return new ApiError(http, [fieldError(code, message, errorField, http)]);
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json;charset=UTF-8", "cache-control": "no-store", ...headers },
  });
}

/** Success bodies carry `errors: null` beside the data, as CoPilot's do. */
export function ok(body: Record<string, unknown> = {}): Response {
  return json({ ...body, errors: null });
}

export function errorResponse(err: ApiError): Response {
  return json({ errors: err.errors }, err.http);
}

export async function readJson(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw ApiError.of(400, "1001", "Request body is not valid JSON.");
  }
  if (!isObject(parsed)) throw ApiError.of(400, "1001", "Request body must be a JSON object.");
  return parsed;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The origin the caller used, honouring a reverse proxy, for links we hand out (signature URL). */
export function requestOrigin(req: Request): string {
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (host) return `${proto || url.protocol.replace(":", "")}://${host}`;
  return url.origin;
}

export function str(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}
