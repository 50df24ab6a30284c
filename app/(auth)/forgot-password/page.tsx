import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/account/forgot-password-form";
import { AuthCard } from "@/components/auth/auth-card";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Reset your password" };
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  return (
    <AuthCard
      title="Reset your password"
      intro="Enter the email you sign in with. We'll send a one-time link to choose a new password."
    >
      <ForgotPasswordForm demoMailbox={env().sandboxEnabled} />
    </AuthCard>
  );
}
