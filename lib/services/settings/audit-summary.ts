/**
 * Plain-language rendering of an audit row for the viewer and the CSV: the action as words, and what changed
 * (before → after of each scalar field). Pure; the stored row is never altered.
 */

export function actionLabel(action: string): string {
  const words = action.replace(/[._]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : action;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function scalar(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v.length > 80 ? `${v.slice(0, 77)}…` : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `${v.length} item${v.length === 1 ? "" : "s"}`;
  return "{…}";
}

function humanKey(k: string): string {
  return k
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
}

function asObject(v: unknown): Record<string, Json> | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, Json>) : null;
}

/** "role: merchant_staff → merchant_admin; email: a@b.co" — at most `max` fields. */
export function changeSummary(before: unknown, after: unknown, max = 6): string {
  const b = asObject(before);
  const a = asObject(after);
  if (!b && !a) {
    const x = scalar(after) ?? scalar(before);
    return x ?? "";
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const parts: string[] = [];
  for (const k of keys) {
    const was = scalar(b?.[k]);
    const now = scalar(a?.[k]);
    if (b && a && k in b && k in a) {
      if (was !== now) parts.push(`${humanKey(k)}: ${was ?? "—"} → ${now ?? "—"}`);
    } else if (a && k in a) {
      if (now !== null) parts.push(`${humanKey(k)}: ${now}`);
    } else if (was !== null) {
      parts.push(`${humanKey(k)} was ${was}`);
    }
  }
  const shown = parts.slice(0, max);
  if (parts.length > max) shown.push(`+${parts.length - max} more`);
  return shown.join("; ");
}

export function actorDisplay(row: {
  actorName: string | null;
  actorEmail: string | null;
  actorLabel: string | null;
}): string {
  if (row.actorName || row.actorEmail)
    return [row.actorName, row.actorEmail ? `<${row.actorEmail}>` : null].filter(Boolean).join(" ");
  const label = row.actorLabel ?? "";
  if (label.startsWith("webhook:")) return `Gateway webhook (${label.slice(8)})`;
  if (label.startsWith("system:")) return `System (${label.slice(7)})`;
  if (label.startsWith("customer:")) return "Customer (pay page)";
  return label || "Unknown";
}
