"use client";

import { Alert } from "@/components/ui/alert";
import type { CatalogItem, StepProps } from "./fields";

export function EquipmentStep({
  values,
  setValues,
  err,
  catalog,
  catalogError,
}: StepProps & { catalog: CatalogItem[]; catalogError?: string }) {
  return (
    <div>
      {catalogError ? <Alert tone="warning">{catalogError}</Alert> : null}
      {catalog.length === 0 && !catalogError ? (
        <p className="text-sm text-slate-600">The equipment catalog is empty.</p>
      ) : null}
      <ul className="divide-y divide-slate-100">
        {catalog.map((item) => {
          const id = `equipment-${item.equipmentId}`;
          return (
            <li key={item.equipmentId} className="flex items-center justify-between gap-4 py-2">
              <label htmlFor={id} className="text-sm">
                <span className="font-medium">{item.equipmentName}</span>
                <span className="ml-2 text-slate-500">
                  {item.equipmentTypeCd?.toLowerCase()} · ${(item.defaultPrice ?? 0).toFixed(2)}
                </span>
              </label>
              <input
                id={id}
                type="number"
                min={0}
                max={999}
                value={values.equipment[String(item.equipmentId)] ?? "0"}
                onChange={(e) =>
                  setValues((v) => ({
                    ...v,
                    equipment: { ...v.equipment, [String(item.equipmentId)]: e.target.value },
                  }))
                }
                className="w-20 rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
                aria-label={`Quantity of ${item.equipmentName}`}
              />
            </li>
          );
        })}
      </ul>
      {err("equipment")?.length ? <p className="mt-2 text-xs text-red-700">{err("equipment")![0]}</p> : null}
    </div>
  );
}
