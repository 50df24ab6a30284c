import type { GatewayAdapter } from "@/lib/gateway/types";
import { cardSecureToken } from "@/tests/helpers/cardsecure";

/**
 * Seed 004's shopper: the test card tokenized at the CardPointe sandbox's CardSecure (as the itoke iframe gives it)
 * and stored in the merchant's vault as Ellis Path's profile. `prefixRoot` is the merchant's sandbox host root,
 * `<origin>/sandbox/cardpointe/<site>-uat`.
 */
export async function vaultEllisPath(gateway: GatewayAdapter, prefixRoot: string) {
  const token = await cardSecureToken(`${prefixRoot}/cardsecure/api/v1/ccn/tokenize`, "4788250000121443");
  return gateway.vault.createCustomer({
    paymentMethod: { kind: "token", token },
    billingAddress: { firstName: "Ellis", lastName: "Path", email: "ellis@example.test" },
  });
}
