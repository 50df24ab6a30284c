import { cookies } from "next/headers";
import Link from "next/link";
import { shouldRemindMfa } from "@/lib/auth/mfa-policy";
import { MfaBannerDismiss } from "./mfa-banner-dismiss";
import { MFA_REMINDER_COOKIE } from "./mfa-reminder";

/**
 * Admins without a second factor see this on every page of both shells until they enrol — from their account's
 * second day on, and not for 30 days after they choose "Not now".
 */
export async function MfaBanner({ userId }: { userId: string }) {
  if ((await cookies()).get(MFA_REMINDER_COOKIE)) return null;
  if (!(await shouldRemindMfa(userId))) return null;
  return (
    // Not a live region: it is part of the page, and pages' own status messages must stay the only ones.
    <MfaBannerDismiss>
      <p>
        <strong className="font-medium">Protect your admin account.</strong> Turn on two-factor authentication so a
        stolen password alone cannot sign in.
      </p>
      <div className="flex items-center gap-2">
        <Link
          href="/account/security#mfa"
          className="rounded-md bg-amber-600 px-3 py-1.5 text-xs font-medium text-white shadow-sm hover:bg-amber-700"
        >
          Set up two-factor
        </Link>
      </div>
    </MfaBannerDismiss>
  );
}
