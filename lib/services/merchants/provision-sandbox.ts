import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { sandboxControl } from "@/lib/sandbox-control";
import { type MerchantCredentials, sealCredentials } from "@/lib/connections/credentials";

interface SandboxStore {
  username: string;
  password: string;
  franchisee_id: string;
  store_id: string;
}
interface SandboxAccount {
  api_key: string;
  public_key: string;
  merchant_id: string;
  processor_id: string;
}
export interface SandboxCardPointeMerchant {
  merchid: string;
  site: string;
  username: string;
  password: string;
  terminal_api_key: string;
  hsn: string;
}

/** The CardPointe credentials of a merchant of the CardPointe sandbox (its `_control/merchants` answer). */
export function sandboxCardPointeCredentials(m: SandboxCardPointeMerchant) {
  return {
    merchid: m.merchid,
    site: m.site,
    username: m.username,
    password: m.password,
    terminalApiKey: m.terminal_api_key,
    hsn: m.hsn,
  };
}

/**
 * Gives a merchant accounts at the sandboxes of its providers (demo seed; provisioning a newly
 * boarded merchant in sandbox mode) and returns what to store on the merchant: MID, site and the
 * sealed credentials. Every merchant also gets a sandbox gift-card store. All through the sandboxes' `_control` API.
 */
export async function provisionSandboxMerchant(
  merchant: {
    id: string;
    name: string;
    gateway: "fluidpay" | "cardpointe";
  },
  /**
   * Demo history: `startAt` starts the gateway account's simulated clock in the past; `webhook: false` leaves its
   * webhook unregistered (the history registers it when done, so making it is not a storm of deliveries).
   */
  opts: { startAt?: Date; webhook?: boolean } = {},
): Promise<{ mid: string | null; site: string | null; credentialsEnc: string }> {
  const store = await sandboxControl<SandboxStore>("giftcard", "stores");
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
    const a = (
      await sandboxControl<{ data: SandboxAccount }>("gateway", "accounts", {
        name: merchant.name,
        ...(opts.startAt ? { start_at: opts.startAt.toISOString() } : {}),
      })
    ).data;
    const webhookSecret = randomBytes(24).toString("base64url");
    if (opts.webhook !== false)
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
    const m = await sandboxControl<SandboxCardPointeMerchant>("cardpointe", "merchants", {
      site,
      environment: "uat",
      ...(opts.startAt ? { start_at: opts.startAt.toISOString() } : {}),
    });
    creds = {
      gateway: { family: "cardpointe", ...sandboxCardPointeCredentials(m) },
      giftcard,
    };
    mid = m.merchid;
  }
  return { mid, site, credentialsEnc: sealCredentials(creds, merchant.id) };
}

/** Points the sandbox account's webhooks at the portal. */
export async function registerSandboxWebhook(apiKey: string, url: string, secret: string): Promise<void> {
  await sandboxControl("gateway", "webhook", { url, secret }, { authorization: apiKey });
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
