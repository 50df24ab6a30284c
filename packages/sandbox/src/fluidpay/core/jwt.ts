import { createHmac, timingSafeEqual } from "node:crypto";
import { deriveKey } from "../../secrets";

/**
 * Seed 003 L29–35: "Either a JWT (JSON Web Token) or an API Key can be used as the value of this header"
 * (`Authorization: Bearer { JWTToken }`). The seed does not say how a JWT is obtained (the vendor's control-panel
 * sign-in), so the sandbox issues one from `POST /_control/jwt` (API key auth): HS256 over the sandbox's own key,
 * claims `sub` = the account id, `iat`, `exp` (one hour). Only what the router needs: a valid signature, an
 * unexpired token, a known account.
 */
const KEY_PURPOSE = "fluidpay-jwt";
const TTL_SECONDS = 3600;

const b64 = (v: string | Buffer) => Buffer.from(v).toString("base64url");

function sign(input: string): Buffer {
  return createHmac("sha256", deriveKey(KEY_PURPOSE)).update(input).digest();
}

export function issueJwt(accountId: string, now = new Date()): { token: string; expires_at: string } {
  const iat = Math.floor(now.getTime() / 1000);
  const input = `${b64(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64(JSON.stringify({ sub: accountId, iat, exp: iat + TTL_SECONDS }))}`;
  return {
    token: `${input}.${sign(input).toString("base64url")}`,
    expires_at: new Date((iat + TTL_SECONDS) * 1000).toISOString(),
  };
}

/** The account id of a valid, unexpired token; undefined for anything else. */
export function verifyJwt(token: string, now = new Date()): string | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  const want = sign(`${h}.${p}`);
  const got = Buffer.from(s, "base64url");
  if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined;
  try {
    const header = JSON.parse(Buffer.from(h, "base64url").toString("utf8")) as { alg?: unknown };
    if (header.alg !== "HS256") return undefined;
    const claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as { sub?: unknown; exp?: unknown };
    if (typeof claims.sub !== "string" || typeof claims.exp !== "number") return undefined;
    if (claims.exp * 1000 <= now.getTime()) return undefined;
    return claims.sub;
  } catch {
    return undefined;
  }
}
