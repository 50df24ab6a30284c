import { randomBytes } from "node:crypto";

/**
 * Wire helpers of the POSPointe gift-card server (an ASP.NET service): ProblemDetails failures,
 * case-insensitive JSON binding, and money written as decimals with two places (100.00, not 100).
 */

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: Record<string, string[]>,
  ) {
    super(detail);
  }
}

const TYPES: Record<number, string> = {
  400: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
  401: "https://tools.ietf.org/html/rfc9110#section-15.5.2",
  403: "https://tools.ietf.org/html/rfc9110#section-15.5.4",
  404: "https://tools.ietf.org/html/rfc9110#section-15.5.5",
  405: "https://tools.ietf.org/html/rfc9110#section-15.5.6",
  409: "https://tools.ietf.org/html/rfc9110#section-15.5.10",
  415: "https://tools.ietf.org/html/rfc9110#section-15.5.16",
  500: "https://tools.ietf.org/html/rfc9110#section-15.6.1",
  502: "https://tools.ietf.org/html/rfc9110#section-15.6.3",
  503: "https://tools.ietf.org/html/rfc9110#section-15.6.4",
  504: "https://tools.ietf.org/html/rfc9110#section-15.6.5",
};

export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  const body = {
    type: TYPES[p.status] ?? TYPES[400],
    title: p.title,
    status: p.status,
    detail: p.detail,
    // Clients read `message` as often as `detail`: both carry the same text.
    message: p.detail,
    ...(p.errors ? { errors: p.errors } : {}),
    traceId: `00-${randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-00`,
  };
  return new Response(JSON.stringify(body), {
    status: p.status,
    headers: { "content-type": "application/problem+json; charset=utf-8", ...headers },
  });
}

/** Marks a cents amount for serialisation as a two-place decimal number. */
export class Money {
  constructor(readonly cents: number) {}
}

export function json(body: unknown, status = 200): Response {
  const text = JSON.stringify(body, (_k, v: unknown) =>
    v instanceof Money ? `__money__${(v.cents / 100).toFixed(2)}__` : v,
  ).replace(/"__money__(-?\d+\.\d{2})__"/g, "$1");
  return new Response(text, { status, headers: { "content-type": "application/json; charset=utf-8" } });
}

/** The JSON body with its keys lower-cased, so `FranchiseeID` and `franchiseeId` bind alike. */
export async function readBody(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (!text.trim()) throw new Problem(400, "Bad Request", "A non-empty request body is required.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Problem(400, "Bad Request", "The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new Problem(400, "Bad Request", "The request body must be a JSON object.");
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k.toLowerCase(), v]));
}

export function text(v: unknown): string | undefined {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Decimal amounts (number or numeric string, as ASP.NET's web defaults read them) to cents. */
export function parseAmount(v: unknown, field = "amount"): number {
  const s = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "";
  if (!/^\d+(\.\d{1,2})?$/.test(s))
    throw validation(field, "The amount must be a positive decimal with at most two decimal places.");
  const [whole, frac = ""] = s.split(".");
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  if (cents <= 0) throw validation(field, "The amount must be greater than zero.");
  return cents;
}

export function parseBool(v: unknown, field: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  throw validation(field, `The ${field} field must be true or false.`);
}

/** ASP.NET's model-validation failure (ValidationProblemDetails). */
export function validation(field: string, message: string): Problem {
  return new Problem(400, "One or more validation errors occurred.", message, { [field]: [message] });
}
