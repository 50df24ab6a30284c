import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { MfaPanel } from "@/components/account/mfa-panel";
import { SignOutEverywhere } from "@/components/account/sign-out-everywhere";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { isAdminWithoutMfa } from "@/lib/auth/mfa-policy";
import { requireAccountPage } from "@/lib/auth/page";
import { env } from "@/lib/env";
import { getMfaStatus } from "@/lib/services/account/mfa";

export const metadata: Metadata = { title: "Account security" };
export const dynamic = "force-dynamic";

export default async function AccountSecurityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireAccountPage();
  const sp = await searchParams;
  const [status, adminWithoutMfa] = await Promise.all([getMfaStatus(user.id), isAdminWithoutMfa(user.id)]);
  const required = adminWithoutMfa && env().adminMfaRequired;
  return (
    <div className="space-y-6">
      <PageHeader
        className="mb-0"
        title="Account security"
        description={
          <>
            Signed in as <strong>{user.email}</strong>. Password, two-factor authentication and sessions.
          </>
        }
      />

      {required ? (
        <Alert tone="warning" role="alert" title="Two-factor authentication is required for admins">
          Your organisation requires administrators to use an authenticator app. Set it up below to continue to the
          portal{sp.required === "mfa" ? " — the page you opened is available right after" : ""}.
        </Alert>
      ) : adminWithoutMfa ? (
        <Alert tone="warning" title="Protect your admin account">
          You can issue refunds and manage your team. Turn on two-factor authentication so a stolen password alone is
          not enough to sign in.
        </Alert>
      ) : null}

      <Card
        id="mfa"
        title="Two-factor authentication"
        description="A 6-digit code from an authenticator app at every sign-in, after your password."
      >
        <MfaPanel
          status={{
            enabled: status.enabled,
            enabledAt: status.enabledAt?.toISOString() ?? null,
            recoveryCodesLeft: status.recoveryCodesLeft,
          }}
        />
      </Card>

      <Card id="password" title="Password" description="Changing it signs out every other device.">
        <ChangePasswordForm key={String(sp.password)} email={user.email} changed={sp.password === "changed"} />
      </Card>

      <Card
        id="sessions"
        title="Sessions"
        description="Lost a laptop or used a shared computer? End every session of your account at once."
      >
        <SignOutEverywhere />
      </Card>
    </div>
  );
}
