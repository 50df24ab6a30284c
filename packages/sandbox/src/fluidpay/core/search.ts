import { badRequest } from "./envelope";
import { asObject, type Obj } from "./fields";

/**
 * The gateway's query objects: QuerySearchString `{operator: "=" | "!=" | "%", value}`,
 * QuerySearchInt `{operator: "=" | "!=" | "<" | ">" , value}`, QueryDateRange `{start_date, end_date}`.
 * Applied in memory to one account's records (sandbox scale).
 */
export type Getter = (record: Record<string, unknown>) => unknown;
export type Predicate = (record: Record<string, unknown>) => boolean;

export function stringFilter(o: Obj, field: string, get: Getter): Predicate | undefined {
  const raw = o[field];
  if (raw === undefined || raw === null) return undefined;
  const q = asObject(raw, field);
  const op = q.operator ?? "=";
  const value = q.value;
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw badRequest(`invalid ${field}.value: must be a string`);
  const norm = (v: unknown) => (v === null || v === undefined ? "" : String(v)).toLowerCase();
  const want = value.toLowerCase();
  if (op === "=") return (r) => norm(get(r)) === want;
  if (op === "!=") return (r) => norm(get(r)) !== want;
  if (op === "%") return (r) => norm(get(r)).includes(want);
  throw badRequest(`invalid ${field}.operator`);
}

export function intFilter(o: Obj, field: string, get: Getter): Predicate | undefined {
  const raw = o[field];
  if (raw === undefined || raw === null) return undefined;
  const q = asObject(raw, field);
  const op = q.operator ?? "=";
  const value = q.value;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value))
    throw badRequest(`invalid ${field}.value: must be an integer`);
  const num = (r: Record<string, unknown>) => Number(get(r) ?? 0);
  if (op === "=") return (r) => num(r) === value;
  if (op === "!=") return (r) => num(r) !== value;
  if (op === "<") return (r) => num(r) < value;
  if (op === ">") return (r) => num(r) > value;
  throw badRequest(`invalid ${field}.operator`);
}

function parseDate(v: unknown, path: string): number | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string") throw badRequest(`invalid ${path}`);
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw badRequest(`invalid ${path}: use "YYYY-MM-DDTHH:II:SSZ"`);
  return t;
}

export function dateRange(o: Obj, field: string): { start?: number; end?: number } | undefined {
  const raw = o[field];
  if (raw === undefined || raw === null) return undefined;
  const q = asObject(raw, field);
  const start = parseDate(q.start_date, `${field}.start_date`);
  const end = parseDate(q.end_date, `${field}.end_date`);
  if (start === undefined && end === undefined) return undefined;
  return { start, end };
}

export function dateFilter(range: { start?: number; end?: number } | undefined, get: Getter): Predicate | undefined {
  if (!range) return undefined;
  return (r) => {
    const v = get(r);
    if (typeof v !== "string" || !v) return false;
    const t = Date.parse(v);
    return (range.start === undefined || t >= range.start) && (range.end === undefined || t <= range.end);
  };
}

export function paging(o: Obj, defaultLimit: number, maxOffset = Number.MAX_SAFE_INTEGER) {
  const limit = o.limit ?? defaultLimit;
  const offset = o.offset ?? 0;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 0 || limit > 100)
    throw badRequest("invalid limit: must be between 0 and 100");
  if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0 || offset > maxOffset)
    throw badRequest("invalid offset");
  // The docs allow 0, which returns the default page rather than nothing.
  return { limit: limit === 0 ? defaultLimit : limit, offset };
}

export function path(...keys: string[]): Getter {
  return (r) => {
    let cur: unknown = r;
    for (const k of keys) {
      if (!cur || typeof cur !== "object") return undefined;
      cur = (cur as Record<string, unknown>)[k];
    }
    return cur;
  };
}
