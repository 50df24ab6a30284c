import Link from "next/link";
import { InviteForm } from "@/components/settings/invite-form";
import { type PendingInvitation, PendingInvitations } from "@/components/settings/pending-invitations";
import { ProfileForm } from "@/components/settings/profile-form";
import { type TeamMember, TeamTable } from "@/components/settings/team-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listPendingInvitations } from "@/db/queries/invitations";
import { listMembers } from "@/db/queries/team";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import { formatDay } from "@/lib/dates";

export const metadata = { title: "Settings & team" };

function ReadOnly({ label, value, hint }: { label: string; value: React.ReactNode; hint?: string }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{value}</dd>
      {hint ? <dd className="text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

export default async function SettingsPage(props: MerchantPageProps) {
  const { ctx } = await merchantPage(props, "settings:manage");
  const m = ctx.merchant;
  const canTeam = merchantRoleCan(ctx.role, "team:manage");
  const canAudit = merchantRoleCan(ctx.role, "audit:view");
  const [memberRows, invitationRows] = await Promise.all([
    listMembers({ merchantId: m.id }),
    canTeam ? listPendingInvitations({ merchantId: m.id }) : Promise.resolve([]),
  ]);
  const invitations: PendingInvitation[] = invitationRows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    roleLabel: r.role === "merchant_admin" ? "Admin" : "Staff",
    newAccount: r.newAccount,
    invitedBy: r.invitedByName,
    sent: formatDay(r.createdAt),
    expires: formatDay(r.expiresAt),
    expired: r.expired,
  }));
  const members: TeamMember[] = memberRows.map((r) => ({
    userId: r.userId,
    name: r.name,
    email: r.email,
    role: r.role === "merchant_admin" ? "merchant_admin" : "merchant_staff",
    since: formatDay(r.since),
    pending: r.pending,
    disabled: r.disabled,
  }));
  const family = m.gateway === "cardpointe" ? "CardPointe" : "Gateway (FluidPay family)";

  return (
    <div className="space-y-6">
      <PageHeader
        title="Settings & team"
        description={`Business profile, team members and the audit trail of ${m.name}.`}
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <Card
          className="lg:col-span-2"
          title="Business profile"
          description="Processing details come from boarding and the gateway account; environment, site, MID and credentials are in Integrations."
        >
          <div className="space-y-5">
            <ProfileForm
              merchantId={m.id}
              initial={{
                name: m.name,
                brandColor: m.brandColor ?? "",
                logoUrl: m.logoUrl ?? "",
                supportEmail: m.supportEmail ?? "",
              }}
            />
            <dl className="grid gap-4 border-t border-slate-100 pt-4 sm:grid-cols-2">
              <ReadOnly label="Merchant ID (MID)" value={<span className="font-mono">{m.mid ?? "—"}</span>} />
              <ReadOnly label="Gateway" value={family} hint={m.site ? `Site ${m.site}` : undefined} />
              <ReadOnly
                label="Environment"
                value={
                  m.environment === "production" ? (
                    <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800 ring-1 ring-emerald-200">
                      Production
                    </span>
                  ) : (
                    <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-800 ring-1 ring-amber-200">
                      Sandbox (test cards only)
                    </span>
                  )
                }
              />
              <ReadOnly label="Status" value={<span className="capitalize">{m.status}</span>} />
            </dl>
          </div>
        </Card>

        <div className="space-y-6">
          <Card title="Security & records">
            <ul className="space-y-3 text-sm">
              <li>
                <Link href={`/m/${m.id}/settings/integrations`} className="font-medium text-brand-700 hover:underline">
                  Integrations →
                </Link>
                <p className="text-xs text-slate-500">
                  Environment, site and MID, credentials, test connection, Elastic Path stores.
                </p>
              </li>
              <li>
                <Link href={`/m/${m.id}/settings/webhooks`} className="font-medium text-brand-700 hover:underline">
                  Webhooks →
                </Link>
                <p className="text-xs text-slate-500">
                  Send payments, refunds, invoices and deposits to your own systems, signed; delivery log and resend.
                </p>
              </li>
              {canAudit ? (
                <li>
                  <Link href={`/m/${m.id}/settings/messages`} className="font-medium text-brand-700 hover:underline">
                    Sent messages →
                  </Link>
                  <p className="text-xs text-slate-500">
                    Every email sent for this business and whether it was delivered. Contents are not kept.
                  </p>
                </li>
              ) : null}
              {canAudit ? (
                <li>
                  <Link href={`/m/${m.id}/settings/audit`} className="font-medium text-brand-700 hover:underline">
                    Audit log →
                  </Link>
                  <p className="text-xs text-slate-500">
                    Every refund, void, team and settings change, with who did it and when. Exportable as CSV.
                  </p>
                </li>
              ) : null}
              <li>
                <Link href="/account/security" className="font-medium text-brand-700 hover:underline">
                  Your account security →
                </Link>
                <p className="text-xs text-slate-500">Password, two-factor authentication and signed-in sessions.</p>
              </li>
            </ul>
          </Card>
        </div>
      </div>

      <Card
        id="team"
        title="Team"
        description={`People who can sign in to ${m.name}. Partner staff who manage this merchant have access through the partner and are not listed.`}
      >
        {members.length ? (
          canTeam ? (
            <TeamTable merchantId={m.id} merchantName={m.name} members={members} currentUserId={ctx.user.id} />
          ) : null
        ) : (
          <p className="text-sm text-slate-600">No one has a direct membership yet. Invite the first member below.</p>
        )}
        {canTeam && invitations.length ? (
          <div className="mt-6 border-t border-slate-100 pt-5">
            <PendingInvitations merchantId={m.id} invitations={invitations} />
          </div>
        ) : null}
        {canTeam ? (
          <div className="mt-6 border-t border-slate-100 pt-5">
            <h3 className="mb-3 text-sm font-semibold text-slate-900">Invite a member</h3>
            <InviteForm merchantId={m.id} canInviteAdmin={ctx.role === "merchant_admin"} />
          </div>
        ) : null}
      </Card>
    </div>
  );
}
