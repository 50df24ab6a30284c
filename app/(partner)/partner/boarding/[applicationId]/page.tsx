import Link from "next/link";
import { notFound } from "next/navigation";
import { loadCatalog } from "@/components/boarding/catalog";
import { BoardingTimeline } from "@/components/boarding/timeline";
import { BoardingWizard } from "@/components/boarding/wizard";
import { QueryProvider } from "@/components/providers/query-provider";
import { PageHeader } from "@/components/ui/page-header";
import { getApplication } from "@/db/queries/boarding";
import { currentPartnerPage } from "@/lib/auth/page";
import { timelineOf } from "@/lib/services/boarding/refresh-status";
import { applicationScope } from "@/lib/services/boarding/save-draft";
import type { BoardingDraft } from "@/lib/validations/boarding";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ApplicationPage({ params }: { params: Promise<{ applicationId: string }> }) {
  const { applicationId } = await params;
  const ctx = await currentPartnerPage("partner:board");
  if (!UUID.test(applicationId)) notFound();
  const app = await getApplication({ ...applicationScope(ctx), applicationId });
  if (!app) notFound();
  const back = (
    <Link href="/partner" className="text-brand-700 hover:underline">
      ← Portfolio
    </Link>
  );
  if (app.status === "draft" || (app.status === "submitted" && !app.signatureUrl)) {
    const { catalog, catalogError } = await loadCatalog(ctx.partnerId, ctx.user.id);
    return (
      <section className="mx-auto max-w-6xl">
        <PageHeader
          title={app.dbaName || "New merchant application"}
          description="Draft application. SSNs and account numbers are kept only as their last four digits: re-enter them before submitting."
          back={back}
        />
        <BoardingWizard
          partnerId={ctx.partnerId}
          applicationId={app.id}
          draft={app.draft as BoardingDraft}
          catalog={catalog}
          catalogError={catalogError}
        />
      </section>
    );
  }
  return (
    <section className="mx-auto max-w-3xl">
      <PageHeader title={app.dbaName} description="Boarding status at CoPilot" back={back} />
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <QueryProvider>
          <BoardingTimeline partnerId={ctx.partnerId} initial={timelineOf(app, null)} />
        </QueryProvider>
      </div>
    </section>
  );
}
