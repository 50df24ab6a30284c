"use client";

import { useEffect } from "react";
import { supportReference } from "@/lib/security/error-reference";

/**
 * Any uncaught error in the portal's pages (each route group's error.tsx re-exports it; the hosted pay page has none, to
 * keep its JavaScript small, and falls back to app/global-error.tsx). Shows no message, stack or query: only a support reference (Next.js's
 * digest, which the server log carries next to the real error) and a way to retry.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const reference = supportReference(error);
  useEffect(() => {
    // The browser console is the only place a client-side error's detail goes; the page shows none of it.
    console.error(error);
  }, [error]);
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center" data-error-page>
      <p className="text-sm font-semibold text-red-700">Error</p>
      <h1 className="mt-2 text-2xl font-semibold">Something went wrong on our side</h1>
      <p className="mt-2 text-slate-600">
        Nothing you did caused this. Try again; if it keeps happening, contact support and quote the reference below.
      </p>
      {reference ? (
        <p className="mt-4 text-sm text-slate-500">
          Reference <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700">{reference}</code>
        </p>
      ) : null}
      <div className="mt-6 flex justify-center gap-3">
        <button
          type="button"
          onClick={reset}
          className="inline-flex items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
        >
          Try again
        </button>
        <a
          href="/"
          className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          Go to your home page
        </a>
      </div>
    </main>
  );
}
