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
  if (!source) {
    const { auth } = await import("./config");
    const s = await auth();
    return claimsFromSession(s);
  }
  return source();
}

export function runAsSession<T>(claims: SessionClaims | null, fn: () => Promise<T>): Promise<T> {
  return override.run(claims, fn);
}

export function claimsFromSession(s: Session | null): SessionClaims | null {
  if (!s?.user || typeof s.user.id !== "string" || !s.user.id || typeof s.sv !== "number") return null;
  return { userId: s.user.id, sessionVersion: s.sv };
}
