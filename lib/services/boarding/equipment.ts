import type { CoPilotClient } from "@/lib/copilot/client";
import { CoPilotInvalid } from "@/lib/copilot/errors";
import { equipmentCatalogResponse, type EquipmentItem } from "@/lib/copilot/types";
import { copilotForPartner } from "@/lib/services/partners/copilot";

export async function equipmentCatalog(client: CoPilotClient): Promise<EquipmentItem[]> {
  const res = await client.request("GET", "/equipmentCatalog/list?pageNumber=1&pageSize=100", equipmentCatalogResponse);
  return res.rows;
}

export async function partnerEquipmentCatalog(partnerId: string, actorUserId: string) {
  const { client } = await copilotForPartner(partnerId, actorUserId);
  return equipmentCatalog(client);
}

export async function catalogPrice(client: CoPilotClient, equipmentId: number) {
  const item = (await equipmentCatalog(client)).find((e) => e.equipmentId === equipmentId);
  if (!item)
    throw new CoPilotInvalid(400, [
      { code: "1151", message: "This equipment is no longer in the catalog.", errorField: "order.equipmentId" },
    ]);
  return { unitPrice: item.defaultPrice ?? 0, monthlyPrice: 0 };
}
