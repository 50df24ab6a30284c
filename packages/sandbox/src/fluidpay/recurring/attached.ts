import { badRequest } from "../core/envelope";
import { getAdjustment, type AdjustmentKind } from "./adjustments";
import type { Adjustment } from "./amounts";
import type { AttachedBody } from "./validate";

/**
 * An add-on/discount as attached to a plan or subscription: a snapshot of the referenced record with
 * the request's overrides applied (name, description, amount, duration; this sandbox also accepts a
 * percentage override). An amount override turns a percentage item into a fixed one and vice versa.
 */
export interface AttachedItem extends Adjustment {
  name: string;
  description: string;
}

export async function resolveAttached(
  accountId: string,
  kind: AdjustmentKind,
  field: "add_ons" | "discounts",
  items: AttachedBody[] | null | undefined,
): Promise<AttachedItem[]> {
  const out: AttachedItem[] = [];
  for (const [i, item] of (items ?? []).entries()) {
    const base = await getAdjustment(accountId, kind, item.id);
    if (!base) throw badRequest(`invalid ${field}[${i}].id: ${kind === "addon" ? "add-on" : "discount"} not found`);
    let { amount, percentage } = base;
    if (item.amount != null) {
      amount = item.amount;
      percentage = null;
    } else if (item.percentage != null) {
      percentage = item.percentage;
      amount = null;
    }
    out.push({
      id: base.id,
      name: item.name ?? base.name,
      description: item.description ?? base.description,
      amount,
      percentage,
      duration: item.duration ?? base.duration,
    });
  }
  return out;
}

/** Reads a stored snapshot list back (jsonb), tolerating rows written before a field existed. */
export function readAttached(value: unknown): AttachedItem[] {
  if (!Array.isArray(value)) return [];
  return value.map((v: Record<string, unknown>) => ({
    id: String(v.id ?? ""),
    name: String(v.name ?? ""),
    description: String(v.description ?? ""),
    amount: v.amount == null ? null : Number(v.amount),
    percentage: v.percentage == null ? null : Number(v.percentage),
    duration: Number(v.duration ?? 0),
  }));
}

/** Wire form inside plans/subscriptions: `null` when there are none, as the seed shows. */
export function attachedWire(items: AttachedItem[]) {
  if (items.length === 0) return null;
  return items.map((a) => ({
    id: a.id,
    name: a.name,
    description: a.description,
    amount: a.amount,
    percentage: a.percentage,
    duration: a.duration,
    created_at: null,
    updated_at: null,
  }));
}
