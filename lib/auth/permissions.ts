/**
 * The permission table in code. Merchant roles act inside one merchant; partner roles act on their
 * partner's portfolio and may step into their merchants (admins: all, agents: assigned ones) with
 * the merchant role given by PARTNER_ROLE_IN_MERCHANT.
 */
export const ROLES = ["partner_admin", "partner_agent", "merchant_admin", "merchant_staff"] as const;
export type Role = (typeof ROLES)[number];
export type MerchantRole = Extract<Role, `merchant_${string}`>;
export type PartnerRole = Extract<Role, `partner_${string}`>;

export const MERCHANT_PERMISSIONS = [
  "merchant:view",
  "customers:edit",
  "transactions:charge",
  "transactions:capture",
  "transactions:void",
  "transactions:refund",
  "invoices:edit",
  "recurring:edit",
  "terminals:use",
  "giftcards:use",
  "filebatches:upload",
  "reports:export",
  "settings:manage",
  "team:manage",
  "audit:view",
] as const;
export type MerchantPermission = (typeof MERCHANT_PERMISSIONS)[number];

export const PARTNER_PERMISSIONS = ["partner:view", "partner:board", "partner:assign", "partner:export"] as const;
export type PartnerPermission = (typeof PARTNER_PERMISSIONS)[number];

const all = new Set<MerchantPermission>(MERCHANT_PERMISSIONS);
const staff = new Set<MerchantPermission>(
  MERCHANT_PERMISSIONS.filter((p) => p !== "settings:manage" && p !== "team:manage" && p !== "audit:view"),
);

const merchantTable: Record<MerchantRole, ReadonlySet<MerchantPermission>> = {
  merchant_admin: all,
  // Staff refunds are allowed up to STAFF_REFUND_LIMIT_CENTS; the refund service enforces the amount.
  merchant_staff: staff,
};

const partnerTable: Record<PartnerRole, ReadonlySet<PartnerPermission>> = {
  partner_admin: new Set(PARTNER_PERMISSIONS),
  partner_agent: new Set<PartnerPermission>(["partner:view", "partner:board", "partner:export"]),
};

export const PARTNER_ROLE_IN_MERCHANT: Record<PartnerRole, MerchantRole> = {
  partner_admin: "merchant_admin",
  partner_agent: "merchant_staff",
};

export function merchantRoleCan(role: MerchantRole, permission: MerchantPermission): boolean {
  return merchantTable[role].has(permission);
}

export function partnerRoleCan(role: PartnerRole, permission: PartnerPermission): boolean {
  return partnerTable[role].has(permission);
}

export function isPartnerRole(role: Role): role is PartnerRole {
  return role === "partner_admin" || role === "partner_agent";
}
