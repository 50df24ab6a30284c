import type { ReactNode } from "react";

/** The signed-out pages' card (sign in, forgot password, password links): a title, an optional intro, the form. */
export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">{title}</h1>
        {intro ? <p className="mt-1 mb-6 text-sm text-slate-600">{intro}</p> : null}
        {children}
      </div>
    </main>
  );
}

/** A password link that no longer works, and what to do instead. */
export function ExpiredLink({ children }: { children: ReactNode }) {
  return (
    <p className="mt-3 text-sm text-slate-700" role="alert">
      This link has expired or was already used. {children}
    </p>
  );
}
