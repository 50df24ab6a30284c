/**
 * Gives a merchant a sandbox account at its provider's emulator (demo seed, provisioning of a newly
 * boarded merchant in sandbox mode) and returns the sealed credentials to store on the merchant.
 * Wired to the sandboxes as they land; until then merchants get no credentials.
 */
export async function provisionSandboxMerchant(_merchant: {
  id: string;
  name: string;
  gateway: "fluidpay" | "cardpointe";
}): Promise<{ mid: string | null; site: string | null; credentialsEnc: string } | null> {
  return null;
}
