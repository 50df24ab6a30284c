import { addDays, format } from "date-fns";
import { getDb } from "@/db/client";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { connectSandbox } from "@/tests/helpers/sandbox-merchant";
import { upsertCustomers } from "@/lib/sync/customers";
import { cardSecureToken } from "@/tests/helpers/cardsecure";

/** Gives a CardPointe test merchant its sandbox UAT merchant (MID + sealed credentials), as the demo seed does. */
export async function provisionCardPointe(merchantId: string, name = "Corner Hardware") {
  const p = await connectSandbox(merchantId, name, "cardpointe");
  const creds = p.credentials.gateway;
  if (creds.family !== "cardpointe") throw new Error("expected CardPointe credentials");
  return { mid: p.mid!, site: creds.site };
}

/** A vault customer with one stored card (CardSecure token, as the iToke iframe gives it), cached. */
export async function vaultCustomer(origin: string, merchantId: string, site: string, lastName = "Plan") {
  const token = await cardSecureToken(
    `${origin}/sandbox/cardpointe/${site}-uat/cardsecure/api/v1/ccn/tokenize`,
    "4788250000121443",
  );
  const gateway = await gatewayForMerchant(merchantId);
  const customer = await gateway.vault.createCustomer({
    paymentMethod: { kind: "token", token },
    billingAddress: { firstName: "Billie", lastName, email: `billie-${Date.now()}@example.test` },
  });
  await upsertCustomers(getDb(), merchantId, [customer]);
  return { profileId: customer.id, acctId: customer.paymentMethods[0]!.id };
}

/** A day comfortably ahead of every clock involved (ours, CoPilot's simulated clock at its start). */
export const inDays = (n: number) => format(addDays(new Date(), n), "yyyy-MM-dd");
