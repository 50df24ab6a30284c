import "server-only";
import { listBillableCustomers } from "@/db/queries/invoices";
import type { BillableCustomer } from "./invoice-editor";

/** Vault customers for the editor's "fill from a saved customer" list (cache only). */
export async function billableCustomers(merchantId: string): Promise<BillableCustomer[]> {
  const rows = await listBillableCustomers({ merchantId });
  const clean = (v: string | null) => v ?? undefined;
  return rows.map((c) => ({
    id: c.id,
    label: [c.name ?? c.company ?? c.id, c.email].filter(Boolean).join(" · "),
    address: {
      firstName: clean(c.firstName),
      lastName: clean(c.lastName),
      company: clean(c.company),
      email: clean(c.addressEmail ?? c.email),
      phone: clean(c.addressPhone ?? c.phone),
      line1: clean(c.line1),
      line2: clean(c.line2),
      city: clean(c.city),
      state: clean(c.state),
      postalCode: clean(c.postalCode),
      country: clean(c.country) ?? "US",
    },
  }));
}
