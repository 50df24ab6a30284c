// Code lists served by GET /lookup/<name>, transcribed from the examples of the official CoPilotAPI.yaml into
// lookups.json (data, one entry per code list: the response property — the spec names some properties differently
// from the path — and its codes).
import data from "./lookups.json";

export interface LookupCode {
  code: string;
  name: string;
}

const LISTS: Record<string, { property: string; codes: readonly LookupCode[] }> = data;

/** lookup path name → [response property, codes]. */
export const LOOKUPS: Record<string, readonly [string, readonly LookupCode[]]> = Object.fromEntries(
  Object.entries(LISTS).map(([name, list]) => [name, [list.property, list.codes] as const]),
);

export function lookupCodes(name: string): Set<string> {
  return new Set((LOOKUPS[name]?.[1] ?? []).map((c) => c.code));
}
