import Link from "next/link";
import { AccountLink } from "@/components/shell/account-link";
import { MfaBanner } from "@/components/shell/mfa-banner";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { countPendingInvitationsForUser } from "@/db/queries/invitations";
import { requireUserPage } from "@/lib/auth/page";

export default async function PartnerLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUserPage();
  const invitations = await countPendingInvitationsForUser({ userId: user.id });
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-6 py-3">
        <nav aria-label="Partner sections" className="flex items-center gap-6">
          <Link href="/partner" className="font-semibold">
            Partner portal
          </Link>
          <Link href="/partner" className="text-sm text-slate-600 hover:text-slate-900">
            Portfolio
          </Link>
          <Link href="/partner/boarding/new" className="text-sm text-slate-600 hover:text-slate-900">
            New application
          </Link>
          <Link href="/partner/statements" className="text-sm text-slate-600 hover:text-slate-900">
            Statements
          </Link>
          <Link href="/partner/settings" className="text-sm text-slate-600 hover:text-slate-900">
            Settings
          </Link>
        </nav>
        <div className="flex items-center gap-4 text-sm">
          <span className="text-slate-600">{user.email}</span>
          {invitations ? (
            <Link href="/account/invitations" className="font-medium text-brand-700 hover:underline">
              Invitations ({invitations})
            </Link>
          ) : null}
          <AccountLink />
          <SignOutButton />
        </div>
      </header>
      <main className="p-6 md:p-8">
        <MfaBanner userId={user.id} />
        {children}
      </main>
    </div>
  );
}
