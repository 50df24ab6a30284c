import { SignOutButton } from "@/components/shell/sign-out-button";
import { TopBarLayout, TopBarLink } from "@/components/shell/top-bar-layout";
import { countPendingInvitationsForUser } from "@/db/queries/invitations";
import { requireAccountPage } from "@/lib/auth/page";
import { env } from "@/lib/env";

/** The signed-in user's own account (both personas); reachable before an admin has enrolled MFA. */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAccountPage();
  const pending = await countPendingInvitationsForUser({ userId: user.id });
  return (
    <TopBarLayout
      navLabel="Account"
      nav={
        <>
          <TopBarLink href="/">← Back to the portal</TopBarLink>
          <span className="font-semibold">Account</span>
          <TopBarLink href="/account/security">Security</TopBarLink>
          <TopBarLink href="/account/invitations">Invitations{pending ? ` (${pending})` : ""}</TopBarLink>
          {env().sandboxEnabled ? <TopBarLink href="/mailbox">Demo mailbox</TopBarLink> : null}
        </>
      }
      aside={
        <>
          <span className="text-slate-600">{user.email}</span>
          <SignOutButton />
        </>
      }
      mainClassName="mx-auto max-w-3xl p-6 md:p-8"
    >
      {children}
    </TopBarLayout>
  );
}
