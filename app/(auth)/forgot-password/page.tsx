import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/account/forgot-password-form";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Reset your password" };
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Reset your password</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          Enter the email you sign in with. We&apos;ll send a one-time link to choose a new password.
        </p>
        <ForgotPasswordForm demoMailbox={env().sandboxEnabled} />
      </div>
    </main>
  );
}
