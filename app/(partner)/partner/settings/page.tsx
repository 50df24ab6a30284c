import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { currentPartnerPage } from "@/lib/auth/page";
import { copilotSettings } from "@/lib/services/partners/copilot-settings";
import { copilotForPartner } from "@/lib/services/partners/copilot";
import { CopilotCredentialsForm } from "./_components/copilot-form";

/** Partner admins: the CoPilot API user the portal boards merchants and manages billing plans with. */
export default async function PartnerSettingsPage() {
  // partner:assign is the admin-only partner permission: agents get the not-allowed page.
  const ctx = await currentPartnerPage("partner:assign");
  let view = await copilotSettings(ctx);
  if (view.environment === "sandbox" && !view.configured) {
    // Sandbox mode gives every partner its sandbox API user on first use; show that one rather than an empty form.
    await copilotForPartner(ctx.partnerId, ctx.user.id).catch(() => null);
    view = await copilotSettings(ctx);
  }
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Settings"
        description="Connections your partner account uses. Only partner administrators can see this page."
        back={
          <Link href="/partner" className="text-slate-600 hover:underline">
            ← Portfolio
          </Link>
        }
      />
      <Card
        title="CoPilot API user"
        description="CardConnect's boarding API: merchant applications, e-signature, status, equipment and billing plans."
      >
        {view.environment === "sandbox" ? (
          <div className="mb-4">
            <Alert tone="info" title="Sandbox mode">
              The portal runs against the CoPilot sandbox, so these credentials are used there. In production the same
              screen holds your production API user (accounts.cardconnect.com).
            </Alert>
          </div>
        ) : null}
        <CopilotCredentialsForm partnerId={ctx.partnerId} view={view} />
      </Card>
    </div>
  );
}
