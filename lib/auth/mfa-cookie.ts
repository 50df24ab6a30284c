import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { MFA_CHALLENGE_TTL_MS } from "./login-challenges";

/**
 * The half-signed-in state: the browser holds only this random challenge token (HttpOnly, five minutes).
 * It is not an Auth.js session, so the guard sees an anonymous caller and no page or action opens with it;
 * it only lets the code form finish the sign-in it belongs to.
 */
const NAME = "portal.mfa-challenge";

export async function setChallengeCookie(token: string): Promise<void> {
  (await cookies()).set(NAME, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().appUrl.startsWith("https://"),
    path: "/",
    maxAge: MFA_CHALLENGE_TTL_MS / 1000,
  });
}

/** The challenge token of this request, or null (also outside a request, e.g. an action called directly). */
export async function readChallengeCookie(): Promise<string | null> {
  let v: string | undefined;
  try {
    v = (await cookies()).get(NAME)?.value;
  } catch {
    return null;
  }
  return v && v.length <= 100 ? v : null;
}

export async function clearChallengeCookie(): Promise<void> {
  (await cookies()).delete(NAME);
}
