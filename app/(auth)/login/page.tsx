import type { Metadata } from "next";
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
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to the merchant portal</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">Partners and merchants use the same sign-in.</p>
        {notice ? (
          <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {notice}
          </p>
        ) : null}
        <LoginForm initialStep={step} />
      </div>
    </main>
  );
}
