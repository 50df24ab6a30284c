import type { Adjustment, AdjustmentRef } from "@/lib/gateway/types";
import type { CatalogItem } from "./pricing-fields";

/** Gateway add-ons/discounts and attached snapshots → the plain items the client forms take. */
export function catalogItem(a: Adjustment): CatalogItem {
  return { id: a.id, name: a.name, amount: a.amount, percentage: a.percentage, duration: a.duration };
}

export function attachedItem(r: AdjustmentRef, catalog: Adjustment[]): CatalogItem {
  const known = catalog.find((c) => c.id === r.id);
  return {
    id: r.id,
    name: r.name ?? known?.name ?? r.id,
    amount: r.amount ?? (r.percentage ? null : (known?.amount ?? 0)),
    percentage: r.percentage ?? (r.amount !== null && r.amount !== undefined ? null : (known?.percentage ?? null)),
    duration: r.duration ?? known?.duration ?? 0,
  };
}
