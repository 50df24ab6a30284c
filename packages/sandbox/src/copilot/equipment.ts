import type { ApiContext } from "./context";
import { ApiError, ok } from "./http";

/** The sandbox's equipment catalog (production's is per partner, maintained in CoPilot). */
export const EQUIPMENT = [
  item(10001, "Clover Flex", "Clover", "Flex 3rd Gen", "CLV-FLEX3", "TERMINAL", "FDMP", 499, 39.95),
  item(10002, "Clover Mini", "Clover", "Mini 3rd Gen", "CLV-MINI3", "TERMINAL", "FDMP", 749, 59.95),
  item(10003, "Ingenico Lane/3000", "Ingenico", "Lane/3000", "ING-L3000", "TERMINAL", "CARDCONNECT", 329, 24.95),
  item(10004, "PAX A920 Pro", "PAX", "A920 Pro", "PAX-A920P", "TERMINAL", "CARDCONNECT", 449, 34.95),
  item(10005, "CardPointe Virtual Terminal", "CardConnect", "VT", "CP-VT", "GATEWAY", "CARDCONNECT", 0, 10),
  item(
    10006,
    "CardPointe Integrated Payments",
    "CardConnect",
    "Integrated",
    "CP-INT",
    "SOFTWARE",
    "CARDCONNECT",
    0,
    15,
  ),
  item(10007, "Bluefin QB P2PE", "ID Tech", "SREDKey 2", "IDT-SRED2", "TERMINAL", "THIRDPARTY", 129, 0),
];

function item(
  equipmentId: number,
  equipmentName: string,
  make: string,
  model: string,
  sku: string,
  equipmentTypeCd: string,
  equipmentSupplierCd: string,
  defaultPrice: number,
  defaultPlanPrice: number,
) {
  return {
    equipmentId,
    equipmentName,
    description: `${make} ${model}`,
    make,
    model,
    imageUrl: null,
    sku,
    platformCd: equipmentTypeCd === "TERMINAL" ? "FDNOF" : "CCGW",
    equipmentTypeCd,
    equipmentSupplierCd,
    defaultPrice,
    defaultPlanPrice,
    allowCustomBillingFlg: true,
    standardShippingPrice: equipmentTypeCd === "TERMINAL" ? 15 : 0,
    expeditedShippingPrice: equipmentTypeCd === "TERMINAL" ? 45 : 0,
  };
}

export function paging(q: URLSearchParams): { page: number; size: number } {
  const page = Number(q.get("pageNumber") ?? "1");
  const size = Number(q.get("pageSize") ?? "25");
  if (!Number.isInteger(page) || page < 1)
    throw ApiError.of(400, "1150", "pageNumber must be 1 or more.", "pageNumber");
  if (!Number.isInteger(size) || size < 1 || size > 500)
    throw ApiError.of(400, "1150", "pageSize must be between 1 and 500.", "pageSize");
  return { page, size };
}

export function paged<T>(rows: T[], page: number, size: number) {
  const slice = rows.slice((page - 1) * size, page * size);
  return {
    rows: slice,
    totalServerItemsCount: rows.length,
    totalDisplayItemsCount: (page - 1) * size,
    moreRowsAvailable: page * size < rows.length,
    columnSums: null,
  };
}

export async function listEquipment(ctx: ApiContext): Promise<Response> {
  const { page, size } = paging(ctx.query);
  const supplier = ctx.query.get("equipmentSupplierCd");
  const type = ctx.query.get("equipmentTypeCd");
  const rows = EQUIPMENT.filter(
    (e) => (!supplier || e.equipmentSupplierCd === supplier) && (!type || e.equipmentTypeCd === type),
  );
  return ok(paged(rows, page, size));
}
