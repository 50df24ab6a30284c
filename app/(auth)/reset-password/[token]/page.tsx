import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard, ExpiredLink } from "@/components/auth/auth-card";
import { SetPasswordForm } from "@/components/partner/set-password-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { findUsableToken } from "@/lib/services/users/password-tokens";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/** The page behind a reset link from the outbox; the token (hashed, 1 hour, single use) is the authority. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = token.length >= 20 && token.length <= 200 ? await findUsableToken(token) : null;
  const usable = found?.purpose === "reset_password" ? found : null;
  return (
    <AuthCard
      title="Choose a new password"
      intro={
        usable ? (
          <>
            for <strong>{usable.email}</strong>. Use at least {MIN_PASSWORD_LENGTH} characters, not your email and not a
            common password. Every device signed in to this account will be signed out.
          </>
        ) : null
      }
    >
      {usable ? (
        <SetPasswordForm token={token} email={usable.email} />
      ) : (
        <ExpiredLink>
          <Link href="/forgot-password" className="text-brand-700 underline">
            Ask for a new one
          </Link>{" "}
          or{" "}
          <Link href="/login" className="text-brand-700 underline">
            sign in
          </Link>
          .
        </ExpiredLink>
      )}
    </AuthCard>
  );
}
