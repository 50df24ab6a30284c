import Link from "next/link";
import { AccountLink } from "@/components/shell/account-link";
import { MerchantNav } from "@/components/shell/merchant-nav";
import { MfaBanner } from "@/components/shell/mfa-banner";
import { MERCHANT_SECTIONS } from "@/components/shell/sections";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { WorkspaceSwitcher } from "@/components/shell/workspace-switcher";
import { countPendingInvitationsForUser } from "@/db/queries/invitations";
import { listUserWorkspaces } from "@/db/queries/memberships";
import { merchantPage, type MerchantLayoutProps } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";

export default async function MerchantLayout({ children, params }: MerchantLayoutProps) {
  const { ctx } = await merchantPage({ params });
  const [ws, invitations] = await Promise.all([
    listUserWorkspaces({ userId: ctx.user.id }),
    countPendingInvitationsForUser({ userId: ctx.user.id }),
  ]);
  const base = `/m/${ctx.merchant.id}`;
  const items = MERCHANT_SECTIONS.filter((s) => merchantRoleCan(ctx.role, s.permission)).map((s) => ({
    href: s.slug ? `${base}/${s.slug}` : base,
    label: s.label,
  }));
  const options = [
    ...ws.partners.map(() => ({ href: "/partner", label: "Partner portfolio" })).slice(0, 1),
    ...ws.merchants.map((m) => ({ href: `/m/${m.id}`, label: m.name })),
  ];
  if (!options.some((o) => o.href === base)) options.push({ href: base, label: ctx.merchant.name });
  return (
    <div className="min-h-screen md:flex">
      <aside className="border-b border-slate-200 bg-white p-4 md:w-60 md:shrink-0 md:border-r md:border-b-0">
        <Link href={base} className="block text-lg font-semibold">
          {ctx.merchant.name}
        </Link>
        <p className="mb-3 text-xs text-slate-500">
          {ctx.merchant.gateway === "cardpointe" ? "CardPointe" : "Gateway"} · {ctx.merchant.environment}
          {ctx.via === "partner" ? " · via partner" : ""}
        </p>
        <div className="mb-4">
          <WorkspaceSwitcher current={base} options={options} />
        </div>
        <MerchantNav base={base} items={items} />
        <div className="mt-6 border-t border-slate-200 pt-4 text-sm">
          <p className="truncate text-slate-700">{ctx.user.email}</p>
          <p className="text-xs text-slate-500">{ctx.role.replace("_", " ")}</p>
          <div className="mt-2 flex flex-col items-start gap-1">
            {invitations ? (
              <Link
                href="/account/invitations"
                className="text-sm font-medium text-brand-700 hover:underline"
                data-testid="invitations-link"
              >
                {invitations === 1 ? "1 invitation" : `${invitations} invitations`} to review
              </Link>
            ) : null}
            <AccountLink />
            <SignOutButton />
          </div>
        </div>
      </aside>
      <main className="flex-1 p-6 md:p-8">
        <MfaBanner userId={ctx.user.id} />
        {children}
      </main>
    </div>
  );
}
