import { randomUUID } from "node:crypto";

import { gatewayFor } from "@/lib/gateway";
import { createCardPointeAdapter, type CardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import { cardpointeRoots, cardpointeUrls, type CardPointeRoots } from "@/lib/gateway/cardpointe/urls";
import { connectTarget, envSet, type ContractTarget } from "@/tests/helpers/contract-targets";
import { adapterFor, EXPIRY, rawAdapterFor, Sandbox, tokenFor, type TestMerchant } from "./helpers";

/**
 * The CardPointe adapter's contract cases run against two targets with the same test bodies: the embedded emulator
 * over real HTTP (always), and CardPointe UAT (https://<site>-uat.cardconnect.com, seeds 000/001 L73-80) when
 * CARDPOINTE_UAT_SITE, CARDPOINTE_UAT_MERCHID, CARDPOINTE_UAT_USERNAME and CARDPOINTE_UAT_PASSWORD are set. Without
 * them the UAT cases are reported as skipped — never as passed — and their count is printed. Cases that need the
 * emulator's `_control` hooks (forcing settlement, a second MID, another site's or environment's token) are skipped
 * on UAT with that reason.
 */

type AdapterOptions = Partial<Parameters<typeof createCardPointeAdapter>[0]>;

export interface EmulatorControl {
  sb: Sandbox;
  merchant: TestMerchant;
  /** Settles the merchant's open batch now. */
  settle(): Promise<void>;
  /** Another MID on the same site (for cross-merchant isolation). */
  otherMerchant(opts?: Parameters<Sandbox["merchant"]>[0]): Promise<TestMerchant>;
  adapterFor(m: TestMerchant): CardPointeAdapter;
  rawAdapterFor(m: TestMerchant, extra?: AdapterOptions): CardPointeAdapter;
  tokenFor(m: Pick<TestMerchant, "site" | "environment">, pan: string): Promise<string>;
}

export interface CardPointeContext {
  /** The adapter exactly as the portal builds it for this target's merchant (gatewayFor). */
  gw: CardPointeAdapter;
  /** The same roots and credentials with other options (a lossy fetch, no retries). */
  raw(extra?: AdapterOptions): CardPointeAdapter;
  /** A CardSecure token with the expiry attached, as the itoke iframe gives the portal. */
  token(pan: string, expiry?: string): Promise<string>;
  control: EmulatorControl | null;
  close(): Promise<void>;
}

export interface CardPointeTarget extends ContractTarget {
  setup(): Promise<CardPointeContext>;
}

type MerchantOptions = NonNullable<Parameters<Sandbox["merchant"]>[0]>;

/** The emulator with a fresh merchant on `merchant.site` (default "cpadapter"). */
export const emulatorTarget = (merchant: MerchantOptions = {}): CardPointeTarget => ({
  name: "emulator",
  enabled: true,
  hasControl: true,
  async setup() {
    const sb = await Sandbox.start();
    const site = merchant.site ?? "cpadapter";
    const m = await sb.merchant({ ...merchant, site });
    return {
      gw: adapterFor(sb, m),
      raw: (extra) => rawAdapterFor(sb, m, extra),
      token: (pan, expiry) => tokenFor(sb, m, pan, expiry),
      control: {
        sb,
        merchant: m,
        settle: async () => {
          const r = await sb.control("settle", { merchid: m.merchid });
          if (r.status !== 200) throw new Error(`settle failed: ${r.status} ${await r.text()}`);
        },
        otherMerchant: (opts) => sb.merchant({ site, ...opts }),
        adapterFor: (other) => adapterFor(sb, other),
        rawAdapterFor: (other, extra) => rawAdapterFor(sb, other, extra),
        tokenFor: (other, pan) => tokenFor(sb, other, pan),
      },
      close: () => sb.close(),
    };
  },
});

const UAT_VARS = [
  "CARDPOINTE_UAT_SITE",
  "CARDPOINTE_UAT_MERCHID",
  "CARDPOINTE_UAT_USERNAME",
  "CARDPOINTE_UAT_PASSWORD",
];

export const uatTarget: CardPointeTarget = {
  name: "CardPointe UAT (CARDPOINTE_UAT_SITE)",
  enabled: envSet(...UAT_VARS),
  hasControl: false,
  enableWith: UAT_VARS.join(", "),
  async setup() {
    const e = process.env;
    const credentials = {
      merchid: e.CARDPOINTE_UAT_MERCHID ?? "",
      site: e.CARDPOINTE_UAT_SITE ?? "",
      username: e.CARDPOINTE_UAT_USERNAME ?? "",
      password: e.CARDPOINTE_UAT_PASSWORD ?? "",
      terminalApiKey: e.CARDPOINTE_UAT_TERMINAL_API_KEY ?? "",
      hsn: e.CARDPOINTE_UAT_HSN ?? "",
    };
    // The portal's own path for a merchant switched to UAT; vendorHosts off so the vendor's host is really reached.
    const gw = gatewayFor({
      family: "cardpointe",
      environment: "uat",
      appUrl: "http://localhost",
      vendorHosts: false,
      credentials,
    }) as CardPointeAdapter;
    const roots: CardPointeRoots = cardpointeRoots("uat", credentials.site);
    const raw = (extra: AdapterOptions = {}) =>
      createCardPointeAdapter({
        roots,
        merchid: credentials.merchid,
        username: credentials.username,
        password: credentials.password,
        terminalApiKey: credentials.terminalApiKey || undefined,
        hsn: credentials.hsn || undefined,
        ...extra,
      });
    const token = async (pan: string, expiry = EXPIRY) => {
      const r = await fetch(cardpointeUrls(roots).tokenize, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ account: pan, expiry }),
      });
      const body = (await r.json()) as { errorcode?: number; token?: string; message?: string };
      if (body.errorcode !== 0 || !body.token) throw new Error(`UAT tokenize failed: ${r.status} ${body.message}`);
      return body.token;
    };
    return { gw, raw, token, control: null, close: async () => {} };
  },
};

/** Every target: the emulator (with a merchant made from `merchant`) always, CardPointe UAT when configured. */
export function cardpointeTargets(merchant?: MerchantOptions): CardPointeTarget[] {
  return [emulatorTarget(merchant), uatTarget];
}

export const targets: CardPointeTarget[] = cardpointeTargets();

/** For one describe block: sets the target up before its tests and closes it after (see contract-targets.ts). */
export function connect(target: CardPointeTarget) {
  const { ctx, control, live, sandboxOnly } = connectTarget(
    target,
    "they need the emulator's _control hooks (settlement, a second MID, another site's or environment's token)",
  );
  return { ctx, control, live, sandboxOnly };
}

/** An order id unique to this run, so repeated runs against UAT never find an earlier run's records. */
export function runOrderId(prefix: string): string {
  return `${prefix}-${randomUUID().replace(/-/g, "").slice(0, 12).toUpperCase()}`;
}
