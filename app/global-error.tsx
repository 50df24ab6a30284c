"use client";

import { supportReference } from "@/lib/security/error-reference";
import "./globals.css";

/**
 * The last resort when the root layout itself fails: it replaces the whole document, so it brings its own
 * <html> and styles. Like the route groups' error page (components/shell/error-page.tsx) it shows only a support reference, never the error's text.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const reference = supportReference(error);
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <main className="mx-auto max-w-md px-6 py-24 text-center" data-error-page>
          <p className="text-sm font-semibold text-red-700">Error</p>
          <h1 className="mt-2 text-2xl font-semibold">The portal is having trouble</h1>
          <p className="mt-2 text-slate-600">Try again in a moment. If it keeps happening, contact support.</p>
          {reference ? (
            <p className="mt-4 text-sm text-slate-500">
              Reference <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono">{reference}</code>
            </p>
          ) : null}
          <button
            type="button"
            onClick={reset}
            className="mt-6 inline-flex items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
