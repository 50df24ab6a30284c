import { env } from "@/lib/env";
import { createCardPointeAdapter } from "./cardpointe/adapter";
import { embeddedSandboxFetch } from "./cardpointe/embedded-sandbox-fetch";
import {
  assertRootsMatchEnvironment,
  cardpointeRoots,
  CardPointeUrlError,
  type CardPointeRoots,
} from "./cardpointe/urls";
import { createFluidPayAdapter } from "./fluidpay/adapter";
import { emulatorUrlFor, vendorHostsFetch } from "./sandbox-hosts";
import type { GatewayAdapter, GatewayFamily } from "./types";

/**
 * Picks the provider adapter for a merchant. The base URL comes from the merchant's environment, and a URL that
 * contradicts the environment is refused: a production merchant can never be pointed at a sandbox (its charges
 * would silently go nowhere) and a sandbox merchant can never reach production (test cards on live money).
 */

/** sandbox = the built-in emulator; uat = the vendor's test hosts (seeds 000/001: `<site>-uat…`); production. */
export type GatewayEnvironment = "sandbox" | "uat" | "production";
export const GATEWAY_ENVIRONMENTS = ["sandbox", "uat", "production"] as const;

export const FLUIDPAY_PRODUCTION_BASE_URL = "https://app.fluidpay.com/api";

export interface FluidPayCredentials {
  apiKey: string;
  publicKey: string;
  /** Default processor id (needed by amount calculation). */
  processorId?: string;
}

export interface CardPointeCredentials {
  merchid: string;
  /** The CardPointe site (host label), e.g. "fts" → fts-uat.cardconnect.com in UAT. */
  site: string;
  username: string;
  password: string;
  terminalApiKey?: string;
  /** The merchant's default terminal. */
  hsn?: string;
}

export interface GatewayConfig {
  family: GatewayFamily;
  environment: GatewayEnvironment;
  /** Overrides the environment's default (white-label hosts, the vendor's own sandbox). Checked against it. */
  baseUrl?: string;
  credentials: FluidPayCredentials | Record<string, string>;
  /** Portal origin, for the embedded sandbox; defaults to env().appUrl. */
  appUrl?: string;
  /** Production API base (newer FluidPay clients use https://api.fluidpay.com/api). */
  productionBaseUrl?: string;
  timeoutMs?: number;
  /** Answer vendor hosts with the emulators (default env().sandboxVendorHosts: sandbox mode only). */
  vendorHosts?: boolean;
}

export class GatewayConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GatewayConfigError";
  }
}

/** sandbox → the embedded emulator under the portal's own origin; production → the vendor's API. */
export function fluidpayBaseUrl(
  environment: GatewayEnvironment,
  appUrl: string,
  productionBaseUrl: string = FLUIDPAY_PRODUCTION_BASE_URL,
): string {
  if (environment === "uat") {
    // Seed 003 names no UAT host for the Gateway API family (only a white-label sandbox host in its examples): a
    // UAT merchant of this family must name its vendor's test host as its base URL.
    throw new GatewayConfigError("the Gateway API has no UAT host of its own: set the vendor's test base URL");
  }
  const url =
    environment === "sandbox"
      ? `${appUrl.replace(/\/+$/, "")}/sandbox/gateway/api`
      : productionBaseUrl.replace(/\/+$/, "");
  assertUrlMatchesEnvironment(environment, url);
  return url;
}

/** A URL is a sandbox URL when its host or path says so (the emulator's /sandbox/ path, sandbox.<vendor> hosts). */
export function isSandboxUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new GatewayConfigError(`gateway base URL is not a valid URL: ${url}`);
  }
  return /(^|[.-])sandbox([.-]|$)/i.test(u.hostname) || /(^|\/)sandbox(\/|$)/i.test(u.pathname);
}

export function assertUrlMatchesEnvironment(environment: GatewayEnvironment, url: string): void {
  const sandbox = isSandboxUrl(url);
  if (environment === "uat") {
    // A vendor's test host: never the embedded emulator's path, never a production host, always https.
    const u = new URL(url);
    if (/(^|\/)sandbox(\/|$)/i.test(u.pathname) && !/(^|[.-])(sandbox|uat)([.-]|$)/i.test(u.hostname)) {
      throw new GatewayConfigError(`a UAT merchant uses the vendor's test host, not the embedded sandbox: ${url}`);
    }
    if (!/(^|[.-])(sandbox|uat)([.-]|$)/i.test(u.hostname)) {
      throw new GatewayConfigError(`a UAT merchant cannot use the production URL ${url}`);
    }
    if (u.protocol !== "https:") throw new GatewayConfigError(`a UAT URL must use https: ${url}`);
    return;
  }
  if (environment === "production" && sandbox) {
    throw new GatewayConfigError(`a production merchant cannot use the sandbox gateway URL ${url}`);
  }
  if (environment === "sandbox" && !sandbox) {
    throw new GatewayConfigError(`a sandbox merchant cannot use the non-sandbox gateway URL ${url}`);
  }
  if (environment === "production" && new URL(url).protocol !== "https:") {
    throw new GatewayConfigError(`a production gateway URL must use https: ${url}`);
  }
}

function fluidpayCredentials(c: GatewayConfig["credentials"]): FluidPayCredentials {
  const apiKey = typeof c.apiKey === "string" ? c.apiKey : "";
  const publicKey = typeof c.publicKey === "string" ? c.publicKey : "";
  if (!apiKey || !publicKey) throw new GatewayConfigError("FluidPay credentials need apiKey and publicKey");
  if (apiKey.startsWith("pub_")) throw new GatewayConfigError("FluidPay apiKey must be the private api_ key");
  const processorId = typeof c.processorId === "string" && c.processorId ? c.processorId : undefined;
  return { apiKey, publicKey, processorId };
}

function cardpointeCredentials(c: GatewayConfig["credentials"]): CardPointeCredentials {
  const get = (k: string) =>
    typeof (c as Record<string, unknown>)[k] === "string" ? (c as Record<string, string>)[k]! : "";
  const merchid = get("merchid");
  const site = get("site");
  const username = get("username");
  const password = get("password");
  if (!merchid || !site || !username || !password) {
    throw new GatewayConfigError("CardPointe credentials need merchid, site, username and password");
  }
  if (!/^\d{6,16}$/.test(merchid)) throw new GatewayConfigError("CardPointe merchid must be the numeric MID");
  return {
    merchid,
    site,
    username,
    password,
    terminalApiKey: get("terminalApiKey") || undefined,
    hsn: get("hsn") || undefined,
  };
}

/**
 * sandbox → the embedded emulator's UAT prefix (<appUrl>/sandbox/cardpointe/<site>-uat); production →
 * https://<site>.cardconnect.com and https://<site>.cardpointe.com. A `baseUrl` override names the Gateway/CardSecure
 * host root (a vendor UAT host for a sandbox merchant); the terminal root follows it. Either way the roots are
 * checked against the environment.
 */
export function cardpointeRootsFor(config: GatewayConfig, site: string): CardPointeRoots {
  try {
    let roots: CardPointeRoots;
    if (config.baseUrl) {
      const connect = config.baseUrl.replace(/\/+$/, "").replace(/\/cardconnect\/rest$/, "");
      const terminal = connect.replace(/\.cardconnect\.com/i, ".cardpointe.com");
      roots = { connect, terminal };
    } else {
      roots = cardpointeRoots(config.environment, site, config.appUrl ?? env().appUrl);
    }
    assertRootsMatchEnvironment(config.environment === "production", roots);
    return roots;
  } catch (err) {
    if (err instanceof CardPointeUrlError) throw new GatewayConfigError(err.message);
    throw err;
  }
}

export function gatewayFor(config: GatewayConfig): GatewayAdapter {
  switch (config.family) {
    case "fluidpay": {
      const baseUrl =
        config.baseUrl?.replace(/\/+$/, "") ??
        fluidpayBaseUrl(config.environment, config.appUrl ?? env().appUrl, config.productionBaseUrl);
      assertUrlMatchesEnvironment(config.environment, baseUrl);
      const { apiKey, publicKey, processorId } = fluidpayCredentials(config.credentials);
      return createFluidPayAdapter({ baseUrl, apiKey, publicKey, processorId, timeoutMs: config.timeoutMs });
    }
    case "cardpointe": {
      const c = cardpointeCredentials(config.credentials);
      const roots = cardpointeRootsFor(config, c.site);
      // The embedded emulator sits behind Next.js, which collapses `//` in paths (embedded-sandbox-fetch.ts).
      const embedded = config.environment === "sandbox" && !config.baseUrl;
      // Sandbox mode answers the vendor's UAT/production hosts with the emulators (sandbox-hosts.ts).
      const appUrl = config.appUrl ?? env().appUrl;
      const emulated = !embedded && (config.vendorHosts ?? env().sandboxVendorHosts);
      const emulatorRoot = (root: string) => (emulatorUrlFor(`${root}/`, appUrl) ?? root).replace(/\/+$/, "");
      return createCardPointeAdapter({
        roots,
        ...c,
        timeoutMs: config.timeoutMs,
        ...(embedded ? { fetch: embeddedSandboxFetch } : {}),
        ...(emulated
          ? {
              fetch: vendorHostsFetch(appUrl),
              tokenizerRoots: { connect: emulatorRoot(roots.connect), terminal: emulatorRoot(roots.terminal) },
            }
          : {}),
      });
    }
  }
}

export type { GatewayAdapter } from "./types";
