import type { DefaultSession } from "next-auth";

/**
 * What the portal keeps in an Auth.js session, typed where Auth.js declares it (module augmentation) instead of
 * cast at each use: the user id and the session version the cookie was issued under (the guard compares it with
 * `users.session_version` on every request, so a password change or "sign out everywhere" revokes the cookie).
 */
declare module "next-auth" {
  interface User {
    sv?: number;
  }
  interface Session {
    sv: number;
    user: { id: string } & DefaultSession["user"];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}
