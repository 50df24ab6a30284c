import { and, eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { merchants } from "@/db/schema";

/** Merchants a provider event may belong to (provider merchant id → portal merchant). */
export async function findMerchantsByMid(
  { gateway, mid }: { gateway: "fluidpay" | "cardpointe"; mid: string },
  db: DbOrTx = getDb(),
) {
  return db
    .select({ id: merchants.id, credentialsEnc: merchants.credentialsEnc })
    .from(merchants)
    .where(and(eq(merchants.gateway, gateway), eq(merchants.mid, mid)))
    .limit(5);
}
