import { AsyncLocalStorage } from "node:async_hooks";

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

export function claimsFromSession(s: unknown): SessionClaims | null {
  const user = (s as { user?: { id?: unknown }; sv?: unknown } | null)?.user;
  const sv = (s as { sv?: unknown } | null)?.sv;
  if (!user || typeof user.id !== "string" || typeof sv !== "number") return null;
  return { userId: user.id, sessionVersion: sv };
}
