import Link from "next/link";
import { AccountLink } from "@/components/shell/account-link";
import { MfaBanner } from "@/components/shell/mfa-banner";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { TopBarLayout, TopBarLink } from "@/components/shell/top-bar-layout";
import { countPendingInvitationsForUser } from "@/db/queries/invitations";
import { requireUserPage } from "@/lib/auth/page";

const SECTIONS = [
  ["/partner", "Portfolio"],
  ["/partner/boarding/new", "New application"],
  ["/partner/statements", "Statements"],
  ["/partner/settings", "Settings"],
] as const;

export default async function PartnerLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUserPage();
  const invitations = await countPendingInvitationsForUser({ userId: user.id });
  return (
    <TopBarLayout
      navLabel="Partner sections"
      nav={
        <>
          <Link href="/partner" className="font-semibold">
            Partner portal
          </Link>
          {SECTIONS.map(([href, label]) => (
            <TopBarLink key={label} href={href}>
              {label}
            </TopBarLink>
          ))}
        </>
      }
      aside={
        <>
          <span className="text-slate-600">{user.email}</span>
          {invitations ? (
            <Link href="/account/invitations" className="font-medium text-brand-700 hover:underline">
              Invitations ({invitations})
            </Link>
          ) : null}
          <AccountLink />
          <SignOutButton />
        </>
      }
      mainClassName="p-6 md:p-8"
    >
      <MfaBanner userId={user.id} />
      {children}
    </TopBarLayout>
  );
}
