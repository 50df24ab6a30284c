import { embeddedSandboxFetch } from "./cardpointe/embedded-sandbox-fetch";

/**
 * Sandbox mode's "hosts file": a request for a vendor host that a built-in emulator serves is sent to that emulator
 * under the portal's own origin, with the host it asked for in `X-Sandbox-Host` (the emulators' request log keeps it).
 * The adapters keep their production URLs — `https://fts-uat.cardconnect.com/cardconnect/rest/auth` — so a
 * merchant switched to UAT or production builds exactly the URLs it will use for real; only the transport differs.
 * Used only when env().sandboxVendorHosts (sandbox mode, SANDBOX_VENDOR_HOSTS not off).
 */

export const SANDBOX_HOST_HEADER = "x-sandbox-host";

/** The emulator URL that answers `url`, or null when no emulator serves that host. */
export function emulatorUrlFor(url: string, appUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== "https:") return null;
  const base = appUrl.replace(/\/+$/, "");
  const host = u.hostname.toLowerCase();
  const rest = `${u.pathname}${u.search}`;
  // CoPilot (seeds 000/001: api-uat.cardconnect.com; services.md: token host accounts[uat].cardconnect.com).
  if (/^(api|api-uat)\.cardconnect\.com$/.test(host)) return `${base}/sandbox/copilot/api${rest}`;
  if (/^(accounts|accountsuat)\.cardconnect\.com$/.test(host)) return `${base}/sandbox/copilot/accounts${rest}`;
  // CardPointe Gateway, CardSecure, iFrame tokenizer (<site>[-uat].cardconnect.com) and Integrated Terminal
  // (<site>[-uat].cardpointe.com): one emulator path prefix per host label (docs/sandbox.md).
  const cp = /^([a-z0-9][a-z0-9-]{0,62})\.(cardconnect|cardpointe)\.com$/.exec(host);
  if (cp && !/^(api|api-uat|accounts|accountsuat|copilot-api-uat)$/.test(cp[1]!)) {
    return `${base}/sandbox/cardpointe/${cp[1]}${rest}`;
  }
  // Elastic Path (seed 004: https://useast.api.elasticpath.com/v2/...; regions differ by the first label).
  if (/^[a-z0-9-]+\.api\.elasticpath\.com$/.test(host)) return `${base}/sandbox/elasticpath${rest}`;
  return null;
}

/** fetch that sends vendor-host requests to the emulators (embedded transport) and refuses every other host. */
export function vendorHostsFetch(appUrl: string): typeof fetch {
  return async (input, init) => {
    const original = input instanceof Request ? input.url : String(input);
    const target = emulatorUrlFor(original, appUrl);
    if (!target) throw new TypeError(`sandbox mode: no emulator serves ${new URL(original).host}`);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set(SANDBOX_HOST_HEADER, new URL(original).host);
    return embeddedSandboxFetch(target, { ...init, headers });
  };
}
