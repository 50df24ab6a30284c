import Link from "next/link";
import { loadCatalog } from "@/components/boarding/catalog";
import { BoardingWizard } from "@/components/boarding/wizard";
import { PageHeader } from "@/components/ui/page-header";
import { currentPartnerPage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

export default async function NewBoardingPage() {
  const ctx = await currentPartnerPage("partner:board");
  const { catalog, catalogError } = await loadCatalog(ctx.partnerId, ctx.user.id);
  return (
    <section className="mx-auto max-w-6xl">
      <PageHeader
        title="Board a new merchant"
        description="The application goes to CoPilot for e-signature and underwriting. Drafts are saved as you go."
        back={
          <Link href="/partner" className="text-brand-700 hover:underline">
            ← Portfolio
          </Link>
        }
      />
      <BoardingWizard partnerId={ctx.partnerId} draft={null} catalog={catalog} catalogError={catalogError} />
    </section>
  );
}
