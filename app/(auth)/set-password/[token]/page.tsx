import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard, ExpiredLink } from "@/components/auth/auth-card";
import { SetPasswordForm } from "@/components/partner/set-password-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { findUsableToken } from "@/lib/services/users/password-tokens";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const usable = token.length >= 20 && token.length <= 200 ? await findUsableToken(token) : null;
  return (
    <AuthCard
      title="Set your password"
      intro={
        usable ? (
          <>
            for <strong>{usable.email}</strong>. Use at least {MIN_PASSWORD_LENGTH} characters.
          </>
        ) : null
      }
    >
      {usable ? (
        <SetPasswordForm token={token} email={usable.email} />
      ) : (
        <ExpiredLink>
          Ask your partner or administrator for a new one, or{" "}
          <Link href="/login" className="text-brand-700 underline">
            sign in
          </Link>
          .
        </ExpiredLink>
      )}
    </AuthCard>
  );
}
