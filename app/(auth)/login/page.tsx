import type { Metadata } from "next";
import { LoginForm } from "@/components/auth/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default function LoginPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to the merchant portal</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">Partners and merchants use the same sign-in.</p>
        <LoginForm />
      </div>
    </main>
  );
}
