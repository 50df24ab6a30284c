import { createSandboxMerchant } from "@portal/sandbox/cardpointe";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { createSandboxAccount, handler as gatewaySandbox } from "@portal/sandbox/fluidpay";
import { createSandboxStore } from "@portal/sandbox/giftcard";
import { type MerchantCredentials, sealCredentials } from "./credentials";

/**
 * Gives a merchant accounts at the sandboxes of its providers (demo seed; provisioning a newly
 * boarded merchant in sandbox mode) and returns what to store on the merchant: MID, site and the
 * sealed credentials. Every merchant also gets a sandbox gift-card store.
 */
export async function provisionSandboxMerchant(merchant: {
  id: string;
  name: string;
  gateway: "fluidpay" | "cardpointe";
}): Promise<{ mid: string | null; site: string | null; credentialsEnc: string }> {
  const store = await createSandboxStore();
  const giftcard = {
    username: store.username,
    password: store.password,
    franchiseeId: store.franchisee_id,
    storeId: store.store_id,
  };
  let creds: MerchantCredentials;
  let mid: string;
  let site: string | null = null;
  if (merchant.gateway === "fluidpay") {
    const a = await createSandboxAccount({ name: merchant.name });
    const webhookSecret = randomBytes(24).toString("base64url");
    await registerSandboxWebhook(a.api_key, `${env().appUrl}/api/webhooks/fluidpay`, webhookSecret);
    creds = {
      gateway: {
        family: "fluidpay",
        apiKey: a.api_key,
        publicKey: a.public_key,
        accountId: a.merchant_id,
        processorId: a.processor_id,
        webhookSecret,
      },
      giftcard,
    };
    mid = a.merchant_id;
  } else {
    site = siteFor(merchant.name);
    const m = await createSandboxMerchant({ site, environment: "uat" });
    creds = {
      gateway: {
        family: "cardpointe",
        merchid: m.merchid,
        site: m.site,
        username: m.username,
        password: m.password,
        terminalApiKey: m.terminal_api_key,
        hsn: m.hsn,
      },
      giftcard,
    };
    mid = m.merchid;
  }
  return { mid, site, credentialsEnc: sealCredentials(creds) };
}

/** Points the sandbox account's webhooks at the portal (in-process call of the sandbox's control API). */
async function registerSandboxWebhook(apiKey: string, url: string, secret: string): Promise<void> {
  const res = await gatewaySandbox(
    new Request(`${env().appUrl}/sandbox/gateway/_control/webhook`, {
      method: "POST",
      headers: { authorization: apiKey, "content-type": "application/json" },
      body: JSON.stringify({ url, secret }),
    }),
  );
  if (!res.ok) throw new Error(`sandbox webhook registration failed: ${res.status}`);
}

/** A CardPointe site name from the merchant's name: lower-case letters and digits, e.g. "corner". */
export function siteFor(name: string): string {
  const first =
    name
      .toLowerCase()
      .split(/\s+/)[0]
      ?.replace(/[^a-z0-9]/g, "") ?? "";
  return first.length >= 3 ? first.slice(0, 20) : "site";
}
