import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  everywhere: "You were signed out on every device.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  // A scripted sign-in through /api/auth/callback/credentials for a user with MFA lands here with the
  // challenge cookie set: continue with the code.
  const step = sp.code === "mfa_required" ? "mfa" : "password";
  const notice = typeof sp.signedOut === "string" ? NOTICES[sp.signedOut] : undefined;
  return (
    <AuthCard title="Sign in to the merchant portal" intro="Partners and merchants use the same sign-in.">
      {notice ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {notice}
        </p>
      ) : null}
      <LoginForm initialStep={step} />
    </AuthCard>
  );
}
