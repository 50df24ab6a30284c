import type { Metadata } from "next";
import Link from "next/link";
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
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Choose a new password</h1>
        {usable ? (
          <>
            <p className="mt-1 mb-6 text-sm text-slate-600">
              for <strong>{usable.email}</strong>. Use at least {MIN_PASSWORD_LENGTH} characters, not your email and not
              a common password. Every device signed in to this account will be signed out.
            </p>
            <SetPasswordForm token={token} email={usable.email} />
          </>
        ) : (
          <p className="mt-3 text-sm text-slate-700" role="alert">
            This link has expired or was already used.{" "}
            <Link href="/forgot-password" className="text-brand-700 underline">
              Ask for a new one
            </Link>{" "}
            or{" "}
            <Link href="/login" className="text-brand-700 underline">
              sign in
            </Link>
            .
          </p>
        )}
      </div>
    </main>
  );
}
