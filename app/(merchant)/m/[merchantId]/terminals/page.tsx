import { SettleTerminalButton } from "@/components/terminals/settle-terminal-button";
import { TerminalConsole } from "@/components/terminals/terminal-console";
import { formatDateTime } from "@/components/transactions/format";
import { requireMerchantPage } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import { UserError } from "@/lib/errors";
import { GatewayConfigError } from "@/lib/gateway";
import { isGatewayError, userMessage } from "@/lib/gateway/errors";
import type { GatewayAdapter, Terminal } from "@/lib/gateway/types";
import { log } from "@/lib/log";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { cn } from "@/components/ui/cn";

export const metadata = { title: "Terminals" };

type Loaded =
  | { kind: "ok"; adapter: GatewayAdapter; terminals: Terminal[] }
  | { kind: "unavailable"; family: string }
  | { kind: "error"; message: string };

async function load(merchantId: string, family: string): Promise<Loaded> {
  let adapter: GatewayAdapter;
  try {
    adapter = await gatewayForMerchant(merchantId);
  } catch (err) {
    if (err instanceof GatewayConfigError || err instanceof UserError) return { kind: "unavailable", family };
    throw err;
  }
  if (!adapter.capabilities.terminals) return { kind: "unavailable", family };
  try {
    return { kind: "ok", adapter, terminals: await adapter.terminals.list() };
  } catch (err) {
    if (!isGatewayError(err)) throw err;
    log().warn({ err, merchantId }, "terminal list failed");
    return { kind: "error", message: userMessage(err) };
  }
}

function StatusDot({ status }: { status: string }) {
  const active = status === "active";
  return (
    <span className="inline-flex items-center gap-1.5">
      <span aria-hidden className={cn("h-2 w-2 rounded-full", active ? "bg-emerald-500" : "bg-slate-400")} />
      <span className="capitalize">{status.replace(/_/g, " ")}</span>
    </span>
  );
}

export default async function TerminalsPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const ctx = await requireMerchantPage(merchantId, "merchant:view");
  const loaded = await load(ctx.merchant.id, ctx.merchant.gateway);
  const canUse = merchantRoleCan(ctx.role, "terminals:use");

  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold text-slate-900">Terminals</h1>
        <p className="mt-1 text-sm text-slate-600">
          Card-present devices: their status, and sales or authorizations pushed to them from here.
        </p>
      </header>

      {loaded.kind === "unavailable" && (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8">
          <p className="font-medium text-slate-900">Terminals are not available for this merchant yet.</p>
          <p className="mt-1 text-sm text-slate-600">
            {loaded.family === "cardpointe"
              ? "This merchant runs on CardPointe. Its terminals (Bolt) and their batch will show here once the CardPointe gateway is connected to the portal."
              : "This merchant's gateway is not connected to the portal yet."}
          </p>
        </div>
      )}

      {loaded.kind === "error" && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          Could not load the terminals: {loaded.message}
        </p>
      )}

      {loaded.kind === "ok" && (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Terminals</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2.5">
                    Terminal
                  </th>
                  <th scope="col" className="px-4 py-2.5">
                    Status
                  </th>
                  <th scope="col" className="px-4 py-2.5">
                    Model
                  </th>
                  <th scope="col" className="px-4 py-2.5">
                    Serial / TPN
                  </th>
                  <th scope="col" className="px-4 py-2.5">
                    Last seen
                  </th>
                  <th scope="col" className="px-4 py-2.5 text-right">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {loaded.terminals.length === 0 && (
                  <tr>
                    <td colSpan={6} className="px-4 py-8 text-center text-slate-600">
                      No terminals are registered for this merchant.
                    </td>
                  </tr>
                )}
                {loaded.terminals.map((t) => (
                  <tr key={t.id}>
                    <td className="px-4 py-3">
                      <div className="font-medium text-slate-900">{t.description ?? "Terminal"}</div>
                      <div className="font-mono text-xs text-slate-500">{t.id}</div>
                    </td>
                    <td className="px-4 py-3">
                      <StatusDot status={t.status} />
                    </td>
                    <td className="px-4 py-3">{[t.manufacturer, t.model].filter(Boolean).join(" ") || "—"}</td>
                    <td className="px-4 py-3">
                      <div>{t.serialNumber ?? "—"}</div>
                      <div className="font-mono text-xs text-slate-500">TPN {t.tpn ?? "—"}</div>
                    </td>
                    <td className="px-4 py-3 text-slate-600">
                      {t.updatedAt ? formatDateTime(t.updatedAt) : "Not reported"}
                      {t.autoSettle && (
                        <div className="text-xs text-slate-500">Auto-settles {t.settleAt ?? "daily"}</div>
                      )}
                    </td>
                    <td className="px-4 py-3 text-right">
                      {canUse && loaded.adapter.capabilities.terminalSettle ? (
                        <SettleTerminalButton
                          merchantId={ctx.merchant.id}
                          terminalId={t.id}
                          label={`${t.description ?? "terminal"} (TPN ${t.tpn ?? t.id})`}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          {canUse ? (
            <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="run-title">
              <h2 id="run-title" className="text-base font-semibold text-slate-900">
                Run a terminal transaction
              </h2>
              <p className="mb-4 text-sm text-slate-600">
                The amount is sent to the device; the customer presents their card there. No card details pass through
                the portal.
              </p>
              {loaded.terminals.length === 0 ? (
                <p className="text-sm text-slate-600">Register a terminal first.</p>
              ) : (
                <TerminalConsole
                  merchantId={ctx.merchant.id}
                  deviceTools={loaded.adapter.family === "cardpointe"}
                  terminals={loaded.terminals.map((t) => ({
                    id: t.id,
                    label: `${t.description ?? "Terminal"} · TPN ${t.tpn ?? "—"}${t.model ? ` · ${t.model}` : ""}`,
                    active: t.status === "active",
                  }))}
                />
              )}
            </section>
          ) : null}
        </>
      )}
    </section>
  );
}
