import Link from "next/link";
import { CardPointeConnectionForm } from "@/components/integrations/cardpointe-connection-form";
import { ConnectionTests } from "@/components/integrations/connection-tests";
import { FluidPayKeysForm, GiftCardStoreForm } from "@/components/integrations/keys-forms";
import { ElasticPathStoreForm, ElasticPathStoreTest } from "@/components/integrations/elastic-path-store-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { env } from "@/lib/env";
import { storeViews } from "@/lib/services/elastic-path/stores";
import { integrationsView } from "@/lib/services/settings/integrations";

export const metadata = { title: "Integrations" };

const ENV_LABELS = { sandbox: "Sandbox (built-in emulator)", uat: "UAT (vendor test hosts)", production: "Production" };

/**
 * Settings → Integrations (admins): the environment, site and MID the merchant runs on, its credentials (masked),
 * a "test connection" for each service, the CardPointe connection form and the Elastic Path stores.
 */
export default async function IntegrationsPage(props: MerchantPageProps) {
  const { ctx } = await merchantPage(props, "settings:manage");
  const m = ctx.merchant;
  const [view, stores] = await Promise.all([integrationsView(m.id), storeViews(m.id)]);
  const sandboxAvailable = env().sandboxEnabled;
  const family = view.family === "cardpointe" ? "CardPointe" : "Gateway API (FluidPay family)";

  return (
    <div className="space-y-6">
      <PageHeader
        title="Integrations"
        description="Where this business processes payments, with which credentials, and whether each service answers."
        back={
          <Link href={`/m/${m.id}/settings`} className="text-slate-600 hover:underline">
            ← Settings
          </Link>
        }
      />
      <Card title="Payment gateway" description={family}>
        <dl className="grid gap-4 text-sm sm:grid-cols-3" aria-label="Connection">
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Environment</dt>
            <dd data-testid="gateway-environment">{ENV_LABELS[view.environment]}</dd>
          </div>
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Site</dt>
            <dd>{view.site ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">MID</dt>
            <dd className="font-mono">{view.mid ?? "—"}</dd>
          </div>
          {view.fields.map((f) => (
            <div key={f.label}>
              <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{f.label}</dt>
              <dd className="font-mono">{f.value}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-4">
          <ConnectionTests merchantId={m.id} />
        </div>
      </Card>

      {view.family === "cardpointe" ? (
        <Card
          title="Change the CardPointe connection"
          description="Switch between sandbox, UAT and production, or rotate the API credentials. The new connection is tested first; the current one keeps working until it passes."
        >
          <CardPointeConnectionForm
            merchantId={m.id}
            sandboxAvailable={sandboxAvailable}
            initial={{
              environment: view.environment,
              site: view.site ?? "",
              merchid: view.mid ?? "",
              username: view.username ?? "",
            }}
          />
        </Card>
      ) : null}

      {view.family === "fluidpay" ? (
        <Card
          title="Change the Gateway API keys"
          description="Rotate the API keys. The new keys are tested first; the current ones keep working until they pass."
        >
          <FluidPayKeysForm merchantId={m.id} environment={view.environment} sandboxAvailable={sandboxAvailable} />
        </Card>
      ) : null}

      <Card
        title="POSPointe gift cards"
        description="The gift-card store this business sells and redeems cards in. Verified before it is saved."
      >
        <GiftCardStoreForm
          merchantId={m.id}
          initial={view.giftCard ?? { username: "", franchiseeId: "", storeId: "" }}
        />
      </Card>

      <Card
        title="Elastic Path stores"
        description="A storefront whose card_connect gateway charges this business's CardPointe profiles (pay by token)."
      >
        {stores.length ? (
          <ul className="mb-4 space-y-4" aria-label="Connected stores">
            {stores.map((s) => (
              <li key={s.id} className="space-y-2 rounded-md border border-slate-200 p-3 text-sm">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span>
                    <span className="font-medium">{s.name}</span> · {s.environment} · client {s.clientId} · token{" "}
                    <span className="font-mono">{s.tokenMasked}</span>
                  </span>
                  <ElasticPathStoreTest merchantId={m.id} storeId={s.id} />
                </div>
                <details>
                  <summary className="cursor-pointer text-xs text-brand-700">Rotate the token</summary>
                  <div className="mt-2">
                    <ElasticPathStoreForm
                      merchantId={m.id}
                      storeId={s.id}
                      sandboxAvailable={sandboxAvailable}
                      initial={{
                        name: s.name,
                        environment: s.environment,
                        apiBase: s.apiBase ?? "",
                        clientId: s.clientId,
                      }}
                    />
                  </div>
                </details>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-4 text-sm text-slate-600">No store connected.</p>
        )}
        <ElasticPathStoreForm merchantId={m.id} sandboxAvailable={sandboxAvailable} />
      </Card>
    </div>
  );
}
