import { and, eq, gt, inArray } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { invoices } from "@/db/schema";
import { invoiceStateSql } from "./invoices";

/** What customers still owe: sent invoices that are open, partially paid or declined, with an amount due. */
export async function listReceivables(params: { merchantId: string }, db: DbOrTx = getDb()) {
  return db
    .select({ amountDue: invoices.amountDue, dueAt: invoices.dueAt, currency: invoices.currency })
    .from(invoices)
    .where(
      and(
        eq(invoices.merchantId, params.merchantId),
        inArray(invoiceStateSql, ["open", "partially_paid", "declined"]),
        gt(invoices.amountDue, 0),
      ),
    );
}
