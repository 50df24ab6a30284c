import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

/**
 * Where outbound webhooks may go. In production (sandboxes off) only `https://` to public addresses: loopback,
 * private, link-local (cloud metadata at 169.254.169.254), CGNAT, multicast and reserved ranges are refused, both when
 * the URL is saved (a literal address) and at every delivery, on the address the name resolves to — the connection
 * is made to the checked address, so a name that re-resolves to an internal host (DNS rebinding) is still refused.
 * In sandbox mode (development, tests, the demo) `http://` and loopback are allowed, to reach a receiver on this
 * machine.
 */

const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, bits, "ipv6");

/** True for an address a production delivery must not reach (IPv4-mapped IPv6 is checked as its IPv4). */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, "ipv4");
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return blocked.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, "ipv4");
  }
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

export type UrlProblem = string | null;

/** Why `raw` cannot be an endpoint URL (null: it can). `sandbox`: the portal runs with the sandboxes on. */
export function endpointUrlProblem(raw: string, sandbox: boolean): UrlProblem {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return "Enter a full URL, like https://example.com/webhooks/portal.";
  }
  if (u.protocol !== "https:" && !(sandbox && u.protocol === "http:")) {
    return sandbox ? "Use an http:// or https:// URL." : "Use an https:// URL.";
  }
  if (u.username || u.password) return "Remove the user name and password from the URL.";
  if (u.hash) return "Remove the #fragment from the URL.";
  if (raw.length > 2000) return "The URL is too long.";
  if (sandbox) return null;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local")) {
    return "This address is on a private network; use a public https:// URL.";
  }
  if (isIP(host) && isNonPublicAddress(host)) return "This address is on a private network; use a public https:// URL.";
  return null;
}

export class AddressNotAllowed extends Error {}

/**
 * A `lookup` for node:http(s) that refuses non-public addresses when `sandbox` is false: the socket connects to the
 * address checked here.
 */
export function guardedLookup(sandbox: boolean) {
  return (
    hostname: string,
    options: object,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const list = addresses as LookupAddress[];
      const allowed = sandbox ? list : list.filter((a) => !isNonPublicAddress(a.address));
      if (allowed.length === 0) {
        return callback(new AddressNotAllowed(`${hostname} resolves to a private address`), "");
      }
      if ((options as { all?: boolean }).all) return callback(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}
