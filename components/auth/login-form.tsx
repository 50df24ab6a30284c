"use client";

import Link from "next/link";
import { useState } from "react";
import { signInAction, verifyMfaAction } from "@/lib/actions/auth";
import type { ActionResult } from "@/lib/action-result";
import { AuthForm } from "./auth-form";
import { Field } from "@/components/ui/field";

/** Step 1: email and password. A user with MFA gets `{ mfa: true }` back and the code step opens. */
function PasswordStep({ onMfa }: { onMfa: () => void }) {
  return (
    <AuthForm
      action={async (prev: ActionResult<{ mfa: true }> | null, fd: FormData) => {
        const r = await signInAction(prev, fd);
        if (r?.ok && r.data?.mfa) onMfa();
        return r;
      }}
      submit="Sign in"
      pendingLabel="Signing in…"
    >
      {(fieldErrors) => (
        <>
          <Field name="email" label="Email" type="email" autoComplete="username" required errors={fieldErrors?.email} />
          <div>
            <Field
              name="password"
              label="Password"
              type="password"
              autoComplete="current-password"
              required
              errors={fieldErrors?.password}
            />
            <p className="mt-1 text-right">
              <Link href="/forgot-password" className="text-xs text-brand-700 hover:underline">
                Forgot password?
              </Link>
            </p>
          </div>
        </>
      )}
    </AuthForm>
  );
}

/** Step 2: the authenticator code (or a recovery code). No session exists until this succeeds. */
function CodeStep({ onRestart }: { onRestart: () => void }) {
  return (
    <AuthForm
      action={(prev: ActionResult<unknown> | null, fd: FormData) => verifyMfaAction(prev, fd)}
      submit="Verify"
      pendingLabel="Verifying…"
      before={
        <div className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
          Your password is right. Enter the 6-digit code from your authenticator app to finish signing in.
        </div>
      }
      after={
        <button type="button" onClick={onRestart} className="w-full text-center text-sm text-slate-600 hover:underline">
          Use a different account
        </button>
      }
    >
      {(fieldErrors) => (
        <Field
          name="code"
          label="Authentication code"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          required
          maxLength={40}
          className="[&_input]:font-mono [&_input]:tracking-widest"
          hint="Lost your device? Enter one of your recovery codes instead (each works once)."
          errors={fieldErrors?.code}
        />
      )}
    </AuthForm>
  );
}

export function LoginForm({ initialStep = "password" }: { initialStep?: "password" | "mfa" }) {
  const [step, setStep] = useState(initialStep);
  return step === "mfa" ? (
    <CodeStep onRestart={() => setStep("password")} />
  ) : (
    <PasswordStep onMfa={() => setStep("mfa")} />
  );
}
