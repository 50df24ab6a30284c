import type { CatalogItem } from "./wizard";
import { CoPilotError } from "@/lib/copilot/errors";
import { partnerEquipmentCatalog } from "@/lib/services/boarding/equipment";

/** The CoPilot equipment catalog for the wizard; a CoPilot outage leaves the other steps usable. */
export async function loadCatalog(
  partnerId: string,
  userId: string,
): Promise<{ catalog: CatalogItem[]; catalogError?: string }> {
  try {
    const rows = await partnerEquipmentCatalog(partnerId, userId);
    return {
      catalog: rows.map((r) => ({
        equipmentId: r.equipmentId,
        equipmentName: r.equipmentName,
        make: r.make ?? null,
        equipmentTypeCd: r.equipmentTypeCd ?? null,
        defaultPrice: r.defaultPrice ?? null,
      })),
    };
  } catch (err) {
    if (err instanceof CoPilotError)
      return {
        catalog: [],
        catalogError: "The equipment catalog could not be loaded from CoPilot. You can add equipment later.",
      };
    throw err;
  }
}
