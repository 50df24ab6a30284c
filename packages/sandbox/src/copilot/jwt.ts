import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { deriveKey } from "../secrets";

/**
 * JWT-shaped tokens as Keycloak issues them (header.payload.signature, base64url). Production signs
 * with RS256; the sandbox signs with HS256 under a purpose-derived key, which clients never verify
 * anyway (they treat the token as opaque), while the sandbox can trust what it decodes.
 */
export interface TokenClaims {
  sub: string;
  typ: "Bearer" | "Refresh";
  exp: number;
  iat: number;
  jti: string;
  session_state: string;
  preferred_username: string;
  iss: string;
  azp: string;
  scope: string;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

function signature(data: string): Buffer {
  return createHmac("sha256", deriveKey("sandbox-copilot-jwt")).update(data).digest();
}

export function signToken(claims: Omit<TokenClaims, "jti">): string {
  const head = b64({ alg: "HS256", typ: "JWT", kid: "sandbox-copilot" });
  const body = b64({ ...claims, jti: randomUUID() });
  return `${head}.${body}.${signature(`${head}.${body}`).toString("base64url")}`;
}

/** The claims when the signature holds, else undefined (expiry is the caller's business: it needs the user's clock). */
export function verifyToken(token: string): TokenClaims | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [head, body, sig] = parts as [string, string, string];
  const expected = signature(`${head}.${body}`);
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as TokenClaims;
    if (typeof claims.sub !== "string" || typeof claims.exp !== "number") return undefined;
    return claims;
  } catch {
    return undefined;
  }
}
