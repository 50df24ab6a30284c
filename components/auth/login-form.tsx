"use client";

import { useActionState } from "react";
import { signInAction } from "@/lib/actions/auth";
import type { ActionResult } from "@/lib/actions/result";

export function LoginForm() {
  const [state, formAction, pending] = useActionState<ActionResult<unknown> | null, FormData>(
    (prev, fd) => signInAction(prev, fd),
    null,
  );
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state && !state.ok && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
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
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
        {fieldErrors?.email && (
          <p id="email-error" className="mt-1 text-sm text-red-700">
            {fieldErrors.email[0]}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby={fieldErrors?.password ? "password-error" : undefined}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
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
