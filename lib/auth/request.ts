import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";
import { FORWARDED_CHAIN_HEADER } from "@/lib/security/headers";

/**
 * The client's address, for throttling and the audit log. Never taken from what the client says unless a configured
 * proxy vouches for it.
 *
 * How the server knows the address of the connection: Next.js hands route handlers and actions no socket, but before
 * rendering it sets `X-Forwarded-For` to the socket's address when the request has none (base-server). proxy.ts runs
 * before that, on every request, and moves whatever X-Forwarded-For the request arrived with into
 * `X-Portal-Forwarded-For` (removing the original, and overwriting any such header a client sent). So inside a
 * handler `X-Forwarded-For` is the peer address the server itself saw, and `X-Portal-Forwarded-For` is the chain the
 * peer claimed. TRUSTED_PROXIES decides how much of that chain to believe: unset, none of it (the peer is the client);
 * `N`, the N proxies in front; a CIDR list, every hop inside those ranges. Outside a request (jobs, integration tests)
 * the address is "local".
 */

export interface TrustedProxies {
  hops: number;
  cidrs: string[];
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; `1.2.3.4:5678` and `[::1]:80` lose their port; anything else non-IP → null. */
export function normaliseIp(raw: string | undefined | null): string | null {
  let a = (raw ?? "").trim();
  if (!a) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1] as string;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  if (/^::ffff:\d{1,3}(?:\.\d{1,3}){3}$/i.test(a)) a = a.slice(7);
  return isIP(a) ? a.toLowerCase() : null;
}

const blockLists = new Map<string, BlockList>();

function trustedRanges(cidrs: string[]): BlockList {
  const key = cidrs.join(",");
  let list = blockLists.get(key);
  if (!list) {
    list = new BlockList();
    for (const c of cidrs) {
      const [addr, bits] = c.split("/");
      const a = normaliseIp(addr) as string;
      const type = isIP(a) === 6 ? "ipv6" : "ipv4";
      if (bits === undefined) list.addAddress(a, type);
      else list.addSubnet(a, Number(bits), type);
    }
    blockLists.set(key, list);
  }
  return list;
}

/**
 * The client address from the peer (the connection's address) and the X-Forwarded-For chain it sent, walking the
 * chain from the right only through trusted hops.
 */
export function resolveClientIp(peer: string | null | undefined, chain: string[], trust?: TrustedProxies): string {
  const start = normaliseIp(peer);
  if (!start) return "unknown";
  if (!trust || (trust.hops === 0 && trust.cidrs.length === 0)) return start;
  let current = start;
  let i = chain.length - 1;
  if (trust.hops > 0) {
    for (let k = 0; k < trust.hops && i >= 0; k++, i--) {
      const next = normaliseIp(chain[i]);
      if (!next) break;
      current = next;
    }
    return current;
  }
  const ranges = trustedRanges(trust.cidrs);
  const trusted = (a: string) => ranges.check(a, isIP(a) === 6 ? "ipv6" : "ipv4");
  while (trusted(current) && i >= 0) {
    const next = normaliseIp(chain[i]);
    if (!next) break;
    current = next;
    i--;
  }
  return current;
}

/** The client address of a request that passed through proxy.ts (see above). */
export function clientIpFromHeaders(h: Headers | undefined | null): string {
  if (!h) return "local";
  const peer = h.get("x-forwarded-for");
  if (peer === null) return "local";
  const chain = (h.get(FORWARDED_CHAIN_HEADER) ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // Next.js sets X-Forwarded-For to one address; should anything have appended to it, the last entry is the peer.
  return resolveClientIp(peer.split(",").pop(), chain, env().TRUSTED_PROXIES);
}

/** The same, from a Request (Auth.js hands one to the credentials provider). */
export function clientIp(request: Request | undefined): string {
  return clientIpFromHeaders(request?.headers);
}

/** The caller's address inside a server action; "local" outside a request (integration tests). */
export async function actionClientIp(): Promise<string> {
  let h: Headers | null = null;
  try {
    const { headers } = await import("next/headers");
    h = await headers();
  } catch {
    // No request scope: called directly, not through Next.
  }
  return clientIpFromHeaders(h);
}
