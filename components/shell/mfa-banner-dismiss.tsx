"use client";

import { type ReactNode, useState } from "react";
import { MFA_REMINDER_COOKIE } from "./mfa-reminder";

const THIRTY_DAYS = 30 * 24 * 60 * 60;

/** The reminder's frame, with a "Not now" that hides it here and, through a cookie, for the next 30 days. */
export function MfaBannerDismiss({ children }: { children: ReactNode }) {
  const [hidden, setHidden] = useState(false);
  if (hidden) return null;
  return (
    <aside
      aria-label="Two-factor authentication reminder"
      className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
    >
      {children}
      <button
        type="button"
        className="rounded-md px-2 py-1 text-xs font-medium text-amber-900 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-amber-700"
        onClick={() => {
          document.cookie = `${MFA_REMINDER_COOKIE}=1; Max-Age=${THIRTY_DAYS}; Path=/; SameSite=Lax`;
          setHidden(true);
        }}
      >
        Not now
      </button>
    </aside>
  );
}
