import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { InvitationList, type MyInvitation } from "@/components/account/invitation-list";
import { listPendingInvitationsForUser } from "@/db/queries/invitations";
import { requireAccountPage } from "@/lib/auth/page";
import { formatDay } from "@/lib/dates";

export const metadata: Metadata = { title: "Invitations" };
export const dynamic = "force-dynamic";

/**
 * Invitations to join a business, for the signed-in account only (read by the session's user id). Accepting adds
 * the business to the account's workspaces; no password changes hands.
 */
export default async function InvitationsPage() {
  const user = await requireAccountPage();
  const rows = await listPendingInvitationsForUser({ userId: user.id });
  const invitations: MyInvitation[] = rows.map((r) => ({
    id: r.id,
    merchantName: r.merchantName,
    roleLabel: r.role === "merchant_admin" ? "an admin" : "a staff member",
    invitedBy: r.invitedByName ? `${r.invitedByName} (${r.invitedByEmail})` : null,
    sent: formatDay(r.createdAt),
    expires: formatDay(r.expiresAt),
  }));
  return (
    <div className="space-y-6">
      <PageHeader
        className="mb-0"
        title="Invitations"
        description={
          <>
            Businesses that invited <strong>{user.email}</strong> to their team. Accept to add one to your workspaces;
            you keep your password and every business you already have.
          </>
        }
      />
      <InvitationList invitations={invitations} />
    </div>
  );
}
