import { AsyncLocalStorage } from "node:async_hooks";
import type { Session } from "next-auth";

/** What a signed session cookie carries: the user id and the session version it was issued under. */
export interface SessionClaims {
  userId: string;
  sessionVersion: number;
}

type SessionSource = () => Promise<SessionClaims | null>;

const override = new AsyncLocalStorage<SessionClaims | null>();
let source: SessionSource | undefined;

/** Registered by lib/auth/config.ts: reads and verifies the Auth.js cookie of the current request. */
export function setSessionSource(fn: SessionSource): void {
  source = fn;
}

/**
 * The claims of the current request's session, or null. Integration tests run code "as" a user with
 * `runAsSession` (the cookie decoding is the only part substituted; every database check still runs).
 */
export async function currentClaims(): Promise<SessionClaims | null> {
  const store = override.getStore();
  if (store !== undefined) return store;
  if (!source) return claimsFromCookie();
  return source();
}

/**
 * The claims of the Auth.js session cookie, read through `cookies()` rather than the request headers: after an action
 * re-issues the session (MFA enrolment, password change), Next.js re-renders the page in the same response with the
 * action's cookie writes applied to `cookies()` but not to `headers()` — reading the headers there would see the
 * revoked cookie and send the person to sign-in. Same cookie name, salt and secret as Auth.js (lib/auth/config.ts).
 */
async function claimsFromCookie(): Promise<SessionClaims | null> {
  const { cookies } = await import("next/headers");
  const { env } = await import("@/lib/env");
  const jar = await cookies();
  const name = `${env().appUrl.startsWith("https://") ? "__Secure-" : ""}authjs.session-token`;
  let token = jar.get(name)?.value;
  if (!token) {
    // Auth.js splits a large cookie into name.0, name.1, …
    const chunks = jar
      .getAll()
      .filter((c) => c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
    token = chunks.map((c) => c.value).join("") || undefined;
  }
  if (!token || !env().AUTH_SECRET) return null;
  const { decode } = await import("next-auth/jwt");
  let payload: Record<string, unknown> | null = null;
  try {
    payload = (await decode({ token, secret: env().AUTH_SECRET as string, salt: name })) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!payload) return null;
  if (typeof payload.exp === "number" && payload.exp * 1000 < Date.now()) return null;
  const uid = payload.uid;
  const sv = payload.sv;
  return typeof uid === "string" && typeof sv === "number" ? { userId: uid, sessionVersion: sv } : null;
}

export function runAsSession<T>(claims: SessionClaims | null, fn: () => Promise<T>): Promise<T> {
  return override.run(claims, fn);
}

export function claimsFromSession(s: Session | null): SessionClaims | null {
  if (!s?.user || typeof s.user.id !== "string" || !s.user.id || typeof s.sv !== "number") return null;
  return { userId: s.user.id, sessionVersion: s.sv };
}
