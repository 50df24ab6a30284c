import Link from "next/link";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { countPendingInvitationsForUser } from "@/db/queries/invitations";
import { requireAccountPage } from "@/lib/auth/page";
import { env } from "@/lib/env";

/** The signed-in user's own account (both personas); reachable before an admin has enrolled MFA. */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAccountPage();
  const pending = await countPendingInvitationsForUser({ userId: user.id });
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-6 py-3">
        <nav aria-label="Account" className="flex items-center gap-6">
          <Link href="/" className="text-sm text-slate-600 hover:text-slate-900">
            ← Back to the portal
          </Link>
          <span className="font-semibold">Account</span>
          <Link href="/account/security" className="text-sm text-slate-600 hover:text-slate-900">
            Security
          </Link>
          <Link href="/account/invitations" className="text-sm text-slate-600 hover:text-slate-900">
            Invitations{pending ? ` (${pending})` : ""}
          </Link>
          {env().sandboxEnabled ? (
            <Link href="/mailbox" className="text-sm text-slate-600 hover:text-slate-900">
              Demo mailbox
            </Link>
          ) : null}
        </nav>
        <div className="flex items-center gap-4 text-sm">
          <span className="text-slate-600">{user.email}</span>
          <SignOutButton />
        </div>
      </header>
      <main className="mx-auto max-w-3xl p-6 md:p-8">{children}</main>
    </div>
  );
}
