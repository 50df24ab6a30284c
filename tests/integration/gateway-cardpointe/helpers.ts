import { randomUUID } from "node:crypto";
import { gatewayFor } from "@/lib/gateway";
import { sandboxCardPointeCredentials } from "@/lib/services/merchants/provision-sandbox";
import { createCardPointeAdapter, type CardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import { EXPIRY, Sandbox, type TestMerchant } from "@/tests/integration/sandbox-cardpointe/helpers";

export { EXPIRY, Sandbox, type TestMerchant };

/** The adapter exactly as the portal builds it for a sandbox merchant (gatewayFor + the merchant's credentials). */
export function adapterFor(sb: Sandbox, m: TestMerchant): CardPointeAdapter {
  return gatewayFor({
    family: "cardpointe",
    environment: "sandbox",
    appUrl: sb.url,
    credentials: sandboxCardPointeCredentials(m),
  }) as CardPointeAdapter;
}

/** An adapter aimed straight at a sandbox prefix (bypasses the environment guard: only for cross-environment tests). */
export function rawAdapterFor(
  sb: Sandbox,
  m: TestMerchant,
  extra: Partial<Parameters<typeof createCardPointeAdapter>[0]> = {},
): CardPointeAdapter {
  const root = `${sb.url}/sandbox/cardpointe/${sb.prefix(m)}`;
  return createCardPointeAdapter({
    roots: { connect: root, terminal: root },
    merchid: m.merchid,
    username: m.username,
    password: m.password,
    terminalApiKey: m.terminal_api_key,
    hsn: m.hsn,
    ...extra,
  });
}

/** A CardSecure token with the expiry attached, as the itoke iframe (useexpiry) + token update gives the portal. */
export async function tokenFor(
  sb: Sandbox,
  m: Pick<TestMerchant, "site" | "environment">,
  pan: string,
  expiry = EXPIRY,
): Promise<string> {
  const r = await sb.tokenize(m, { account: pan, expiry });
  if (r.body.errorcode !== 0 || !r.body.token) throw new Error(`tokenize failed: ${JSON.stringify(r.body)}`);
  return r.body.token;
}

export const key = () => randomUUID();
