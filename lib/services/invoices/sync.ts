import { getDb } from "@/db/client";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { log } from "@/lib/log";
import { upsertInvoices } from "@/lib/sync/invoices";
import { resolveLostPayments } from "./store-local";

export interface InvoiceSyncSummary {
  merchantId: string;
  seen: number;
  written: number;
  skipped?: "no_invoice_api";
  /** Local invoices: payments whose answer was lost, settled from the gateway by their orderid. */
  resolved?: number;
}

/**
 * Reconciliation: pulls every invoice of the merchant from the gateway and converges the cache (what a missed
 * webhook or a failed write-through left behind). Invoices voided in the portal were deleted at the gateway
 * and are left alone.
 */
export async function syncMerchantInvoices(merchantId: string): Promise<InvoiceSyncSummary> {
  const gateway = await gatewayForMerchant(merchantId);
  if (!gateway.capabilities.invoices) {
    // The portal keeps these invoices itself: only payments with a lost answer need the gateway.
    if (gateway.family !== "cardpointe") return { merchantId, seen: 0, written: 0, skipped: "no_invoice_api" };
    const resolved = await resolveLostPayments(merchantId, gateway);
    return { merchantId, seen: 0, written: 0, skipped: "no_invoice_api", resolved };
  }
  const db = getDb();
  let offset = 0;
  let seen = 0;
  let written = 0;
  for (;;) {
    const page = await gateway.invoices.search({ limit: 100, offset });
    seen += page.items.length;
    written += await upsertInvoices(db, merchantId, page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.totalCount) break;
  }
  log().info({ merchantId, seen, written }, "invoices reconciled");
  return { merchantId, seen, written };
}
