import { eq } from "drizzle-orm";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { env } from "@/lib/env";
import { noteSignIn } from "@/lib/services/account/new-device";
import { consumeSessionTicket, createMfaChallenge } from "./login-challenges";
import { setChallengeCookie } from "./mfa-cookie";
import { hasMfa } from "./mfa-policy";
import { verifyPassword } from "./password";
import { clientIp } from "./request";
import { clearLoginFailures, isLoginThrottled, recordLoginFailure } from "./throttle";

class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
}

/** The password was right; the second factor is awaited (the challenge cookie is set). */
class MfaRequired extends CredentialsSignin {
  code = "mfa_required";
}

const ticketSchema = z.object({ ticket: z.string().min(20).max(100) });

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().min(1).max(1024),
});

/**
 * Auth.js v5 at its standard routes (/api/auth/*). Sessions are signed JWT cookies (stateless app
 * servers) carrying the user id and a session version; the guard checks the version against the
 * database on every request, so a password change or "sign out everywhere" revokes old sessions.
 * A user with MFA gets no session from the password alone: the provider sets a challenge cookie and
 * answers "mfa_required"; the code is checked by verifyMfaAction, which signs in with a one-time ticket.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  // HttpOnly + SameSite=Lax are Auth.js defaults; Secure (and the __Secure- prefix) follow the public origin, not the
  // proxied request's scheme, so a TLS-terminating load balancer still gets Secure cookies.
  useSecureCookies: env().appUrl.startsWith("https://"),
  session: { strategy: "jwt", maxAge: env().SESSION_MAX_AGE },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: async (raw, request) => {
        // A server-side ticket (after the second factor, or re-issuing a session after a password change).
        const ticket = ticketSchema.safeParse(raw);
        if (ticket.success) {
          const u = await consumeSessionTicket(ticket.data.ticket);
          if (u)
            await noteSignIn(u.id, { userAgent: request?.headers.get("user-agent") ?? null, ip: clientIp(request) });
          return u ? { id: u.id, email: u.email, name: u.name, sv: u.sessionVersion } : null;
        }
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const ip = clientIp(request);
        if (await isLoginThrottled(email, ip)) throw new ThrottledSignin();
        const [user] = await getDb()
          .select({
            id: users.id,
            name: users.name,
            email: users.email,
            passwordHash: users.passwordHash,
            sessionVersion: users.sessionVersion,
            disabled: users.disabled,
          })
          .from(users)
          .where(eq(users.email, email))
          .limit(1);
        const valid = await verifyPassword(user?.passwordHash ?? null, password);
        if (!user || !valid || user.disabled) {
          await recordLoginFailure(email, ip);
          return null;
        }
        if (await hasMfa(user.id)) {
          // Failures are cleared only after the code, so password and code share one throttle budget.
          await setChallengeCookie(await createMfaChallenge(user.id, user.sessionVersion));
          throw new MfaRequired();
        }
        await clearLoginFailures(email);
        await noteSignIn(user.id, { userAgent: request?.headers.get("user-agent") ?? null, ip });
        return { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sv;
      }
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        user: { ...session.user, id: String(token.uid ?? "") },
        sv: typeof token.sv === "number" ? token.sv : -1,
      };
    },
  },
}));
