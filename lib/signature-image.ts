import { gunzipSync } from "node:zlib";

/** Largest signature image shown (decoded bytes): a real one is a few kilobytes. */
const MAX_BYTES = 256 * 1024;

const TYPES: Array<{ magic: number[]; type: string }> = [
  { magic: [0x42, 0x4d], type: "image/bmp" },
  { magic: [0x89, 0x50, 0x4e, 0x47], type: "image/png" },
  { magic: [0xff, 0xd8, 0xff], type: "image/jpeg" },
  { magic: [0x47, 0x49, 0x46, 0x38], type: "image/gif" },
];

/**
 * A signature as the gateways return it (CardPointe: base64 of a gzipped BMP, `gzipSignature`; or a plain base64
 * BMP/PNG/JPEG) → a `data:` URL an <img> can show. Null for anything that is not a recognised image, so a stored
 * value can never become markup or a link.
 */
export function signatureDataUrl(stored: string | null | undefined): string | null {
  if (!stored) return null;
  const b64 = stored.replace(/^data:[^,]*,/, "").trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return null;
  let bytes = Buffer.from(b64, "base64");
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_BYTES });
    } catch {
      return null;
    }
  }
  if (bytes.length === 0 || bytes.length > MAX_BYTES) return null;
  const kind = TYPES.find((t) => t.magic.every((b, i) => bytes[i] === b));
  return kind ? `data:${kind.type};base64,${bytes.toString("base64")}` : null;
}
