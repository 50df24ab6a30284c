import { isIP } from "node:net";
import { badRequest } from "./envelope";

/**
 * Field readers for request bodies: each failure is a 400 whose message names the field, like the
 * gateway's `bad request error: invalid Postal Code`.
 */
export type Obj = Record<string, unknown>;

export function asObject(v: unknown, name = "request body"): Obj {
  if (v === null || v === undefined) return {};
  if (typeof v !== "object" || Array.isArray(v)) throw badRequest(`invalid ${name}: must be an object`);
  return v as Obj;
}

export function optObject(o: Obj, name: string, path = name): Obj | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  return asObject(v, path);
}

interface StrOpts {
  required?: boolean;
  max?: number;
  min?: number;
  pattern?: RegExp;
  oneOf?: readonly string[];
  path?: string;
}

export function str(o: Obj, name: string, opts: StrOpts = {}): string | undefined {
  const path = opts.path ?? name;
  const v = o[name];
  if (v === undefined || v === null || v === "") {
    if (opts.required) throw badRequest(`${path} is required`);
    return undefined;
  }
  if (typeof v !== "string") throw badRequest(`invalid ${path}: must be a string`);
  if (opts.max !== undefined && v.length > opts.max)
    throw badRequest(`invalid ${path}: must be at most ${opts.max} characters`);
  if (opts.min !== undefined && v.length < opts.min)
    throw badRequest(`invalid ${path}: must be at least ${opts.min} characters`);
  if (opts.pattern && !opts.pattern.test(v)) throw badRequest(`invalid ${path}`);
  if (opts.oneOf && !opts.oneOf.includes(v))
    throw badRequest(`invalid ${path}: must be one of ${opts.oneOf.join(", ")}`);
  return v;
}

export function int(
  o: Obj,
  name: string,
  opts: { min?: number; max?: number; path?: string } = {},
): number | undefined {
  const path = opts.path ?? name;
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v)) throw badRequest(`invalid ${path}: must be an integer`);
  if (v < (opts.min ?? 0)) throw badRequest(`invalid ${path}: must be at least ${opts.min ?? 0}`);
  if (opts.max !== undefined && v > opts.max) throw badRequest(`invalid ${path}: must be at most ${opts.max}`);
  if (!Number.isSafeInteger(v)) throw badRequest(`invalid ${path}: out of range`);
  return v;
}

export function bool(o: Obj, name: string, path = name): boolean | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw badRequest(`invalid ${path}: must be a boolean`);
  return v;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const DIGITS = /^\d+$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ip(o: Obj, name: string): string | undefined {
  const v = str(o, name, { max: 45 });
  if (v !== undefined && isIP(v) === 0) throw badRequest(`invalid ${name}`);
  return v;
}

/** Transaction-style address (`address_line_1`…); returns every field as a string. */
export const TXN_ADDRESS_FIELDS = [
  "first_name",
  "last_name",
  "company",
  "address_line_1",
  "address_line_2",
  "city",
  "state",
  "postal_code",
  "country",
  "email",
  "phone",
  "fax",
] as const;
export type TxnAddress = Record<(typeof TXN_ADDRESS_FIELDS)[number], string>;

const ADDRESS_MAX: Record<string, number> = {
  first_name: 50,
  last_name: 50,
  company: 100,
  address_line_1: 100,
  address_line_2: 100,
  line_1: 100,
  line_2: 100,
  city: 50,
  state: 20,
  postal_code: 10,
  country: 2,
  email: 100,
  phone: 14,
  fax: 14,
};

/** Validates an address object (transaction or vault style); unknown keys are ignored. */
export function address<K extends string>(o: Obj, fields: readonly K[], path: string): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const f of fields) {
    const p = `${path}.${f}`;
    let v = str(o, f, { max: ADDRESS_MAX[f] ?? 100, path: p }) ?? "";
    if (f === "email" && v && !EMAIL.test(v)) throw badRequest(`invalid ${p}`);
    if ((f === "phone" || f === "fax") && v) {
      v = v.replace(/[\s()+.-]/g, "");
      if (!DIGITS.test(v)) throw badRequest(`invalid ${p}: digits only`);
    }
    if (f === "postal_code" && v && !/^[A-Za-z0-9 -]{3,10}$/.test(v)) throw badRequest(`invalid ${p}`);
    if (f === "country" && v) v = v.toUpperCase();
    out[f] = v;
  }
  return out;
}
