import type { GatewayAdapter } from "@/lib/gateway/types";

/**
 * Seed 004's shopper: the test card tokenized at the CardPointe sandbox's CardSecure (as the itoke iframe gives it)
 * and stored in the merchant's vault as Ellis Path's profile. `prefixRoot` is the merchant's sandbox host root,
 * `<origin>/sandbox/cardpointe/<site>-uat`.
 */
export async function vaultEllisPath(gateway: GatewayAdapter, prefixRoot: string) {
  const url = `${prefixRoot}/cardsecure/api/v1/ccn/tokenize`;
  const tok = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ account: "4788250000121443", expiry: "1230" }),
  });
  if (tok.status !== 200) throw new Error(`${url}: ${tok.status} ${await tok.text()}`);
  const { token } = (await tok.json()) as { token: string };
  return gateway.vault.createCustomer({
    paymentMethod: { kind: "token", token },
    billingAddress: { firstName: "Ellis", lastName: "Path", email: "ellis@example.test" },
  });
}
