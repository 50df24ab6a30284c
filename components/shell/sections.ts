import type { MerchantPermission } from "@/lib/auth/permissions";

/** Every section of the merchant product, in navigation order. `slug` "" is the dashboard. */
export const MERCHANT_SECTIONS: { slug: string; label: string; permission: MerchantPermission }[] = [
  { slug: "", label: "Dashboard", permission: "merchant:view" },
  { slug: "customers", label: "Customers", permission: "merchant:view" },
  { slug: "transactions", label: "Transactions", permission: "merchant:view" },
  { slug: "terminal", label: "Virtual terminal", permission: "transactions:charge" },
  { slug: "invoices", label: "Invoices", permission: "merchant:view" },
  { slug: "recurring", label: "Recurring", permission: "merchant:view" },
  { slug: "terminals", label: "Terminals", permission: "merchant:view" },
  { slug: "gift-cards", label: "Gift cards", permission: "merchant:view" },
  { slug: "settlements", label: "Settlements", permission: "merchant:view" },
  { slug: "funding", label: "Funding", permission: "merchant:view" },
  { slug: "reconciliation", label: "Reconciliation", permission: "merchant:view" },
  { slug: "statements", label: "Statements", permission: "reports:export" },
  { slug: "file-batches", label: "File batches", permission: "merchant:view" },
  { slug: "settings", label: "Settings & team", permission: "settings:manage" },
];
