import Link from "next/link";
import { isAdminWithoutMfa } from "@/lib/auth/mfa-policy";

/** Admins without a second factor see this on every page of both shells until they enrol. */
export async function MfaBanner({ userId }: { userId: string }) {
  if (!(await isAdminWithoutMfa(userId))) return null;
  return (
    // Not a live region: it is part of the page, and pages' own status messages must stay the only ones.
    <aside
      aria-label="Two-factor authentication reminder"
      className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
    >
      <p>
        <strong className="font-medium">Protect your admin account.</strong> Turn on two-factor authentication so a
        stolen password alone cannot sign in.
      </p>
      <Link
        href="/account/security#mfa"
        className="rounded-md bg-amber-600 px-3 py-1.5 text-xs font-medium text-white shadow-sm hover:bg-amber-700"
      >
        Set up two-factor
      </Link>
    </aside>
  );
}
