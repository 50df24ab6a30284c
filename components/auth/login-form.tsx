"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { signInAction, verifyMfaAction } from "@/lib/actions/auth";
import type { ActionResult } from "@/lib/actions/result";

const input = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2";

function ErrorBox({ state }: { state: ActionResult<unknown> | null }) {
  if (!state || state.ok) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {state.error}
    </p>
  );
}

/** Step 1: email and password. A user with MFA gets `{ mfa: true }` back and the code step opens. */
function PasswordStep({ onMfa }: { onMfa: () => void }) {
  const [state, formAction, pending] = useActionState<ActionResult<{ mfa: true }> | null, FormData>(
    async (prev, fd) => {
      const r = await signInAction(prev, fd);
      if (r?.ok && r.data?.mfa) onMfa();
      return r;
    },
    null,
  );
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <ErrorBox state={state} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-describedby={fieldErrors?.email ? "email-error" : undefined}
          className={input}
        />
        {fieldErrors?.email && (
          <p id="email-error" className="mt-1 text-sm text-red-700">
            {fieldErrors.email[0]}
          </p>
        )}
      </div>
      <div>
        <div className="flex items-baseline justify-between">
          <label htmlFor="password" className="block text-sm font-medium">
            Password
          </label>
          <Link href="/forgot-password" className="text-xs text-brand-700 hover:underline">
            Forgot password?
          </Link>
        </div>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby={fieldErrors?.password ? "password-error" : undefined}
          className={input}
        />
        {fieldErrors?.password && (
          <p id="password-error" className="mt-1 text-sm text-red-700">
            {fieldErrors.password[0]}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

/** Step 2: the authenticator code (or a recovery code). No session exists until this succeeds. */
function CodeStep({ onRestart }: { onRestart: () => void }) {
  const [state, formAction, pending] = useActionState<ActionResult<unknown> | null, FormData>(
    (prev, fd) => verifyMfaAction(prev, fd),
    null,
  );
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
        Your password is right. Enter the 6-digit code from your authenticator app to finish signing in.
      </div>
      {state && !state.ok && !fieldErrors ? <ErrorBox state={state} /> : null}
      <div>
        <label htmlFor="code" className="block text-sm font-medium">
          Authentication code
        </label>
        <input
          id="code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          required
          maxLength={40}
          aria-invalid={fieldErrors?.code ? true : undefined}
          aria-describedby={fieldErrors?.code ? "code-error code-hint" : "code-hint"}
          className={`${input} font-mono tracking-widest`}
        />
        <p id="code-hint" className="mt-1 text-xs text-slate-500">
          Lost your device? Enter one of your recovery codes instead (each works once).
        </p>
        {fieldErrors?.code && (
          <p id="code-error" className="mt-1 text-sm text-red-700">
            {fieldErrors.code[0]}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Verifying…" : "Verify"}
      </button>
      <button type="button" onClick={onRestart} className="w-full text-center text-sm text-slate-600 hover:underline">
        Use a different account
      </button>
    </form>
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
