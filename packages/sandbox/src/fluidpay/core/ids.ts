import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuv";

/**
 * A 20-character lowercase id in the gateway's xid style (e.g. `d3bfel2cunifubaumn00`):
 * 4 bytes of seconds (so ids sort roughly by creation) + 8 random bytes, base32hex.
 */
export function newId(): string {
  const buf = Buffer.alloc(12);
  buf.writeUInt32BE(Math.floor(Date.now() / 1000) >>> 0, 0);
  randomBytes(8).copy(buf, 4);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.slice(0, 20);
}

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `api_…` / `pub_…` keys: prefix + 27 base62 characters, like the documented examples. */
export function newKey(prefix: "api_" | "pub_"): string {
  const bytes = randomBytes(27);
  let s = prefix;
  for (const b of bytes) s += KEY_ALPHABET[b % KEY_ALPHABET.length];
  return s;
}
