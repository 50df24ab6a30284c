import { SettleTerminalButton } from "@/components/terminals/settle-terminal-button";
import { PageHeader } from "@/components/ui/page-header";
import { TerminalConsole } from "@/components/terminals/terminal-console";
import { formatDateTime } from "@/components/transactions/format";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import { UserError } from "@/lib/errors";
import { GatewayConfigError } from "@/lib/gateway";
import { isGatewayError, userMessage } from "@/lib/gateway/errors";
import type { GatewayAdapter, Terminal } from "@/lib/gateway/types";
import { log } from "@/lib/log";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { cn } from "@/components/ui/cn";
import { type Column, Table } from "@/components/ui/table";

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

function terminalColumns(merchantId: string, canSettle: boolean): Column<Terminal>[] {
  return [
    {
      key: "terminal",
      header: "Terminal",
      cell: (t) => (
        <>
          <div className="font-medium text-slate-900">{t.description ?? "Terminal"}</div>
          <div className="font-mono text-xs text-slate-500">{t.id}</div>
        </>
      ),
    },
    { key: "status", header: "Status", cell: (t) => <StatusDot status={t.status} /> },
    { key: "model", header: "Model", cell: (t) => [t.manufacturer, t.model].filter(Boolean).join(" ") || "—" },
    {
      key: "serial",
      header: "Serial / TPN",
      cell: (t) => (
        <>
          <div>{t.serialNumber ?? "—"}</div>
          <div className="font-mono text-xs text-slate-500">TPN {t.tpn ?? "—"}</div>
        </>
      ),
    },
    {
      key: "seen",
      header: "Last seen",
      className: "text-slate-600",
      cell: (t) => (
        <>
          {t.updatedAt ? formatDateTime(t.updatedAt) : "Not reported"}
          {t.autoSettle && <div className="text-xs text-slate-500">Auto-settles {t.settleAt ?? "daily"}</div>}
        </>
      ),
    },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      cell: (t) =>
        canSettle ? (
          <SettleTerminalButton
            merchantId={merchantId}
            terminalId={t.id}
            label={`${t.description ?? "terminal"} (TPN ${t.tpn ?? t.id})`}
          />
        ) : null,
    },
  ];
}

export default async function TerminalsPage(props: MerchantPageProps) {
  const { ctx } = await merchantPage(props);
  const loaded = await load(ctx.merchant.id, ctx.merchant.gateway);
  const canUse = merchantRoleCan(ctx.role, "terminals:use");

  return (
    <section className="space-y-6">
      <PageHeader
        className="mb-0"
        title="Terminals"
        description="Card-present devices: their status, and sales or authorizations pushed to them from here."
      />

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
          <Table
            caption="Terminals"
            columns={terminalColumns(ctx.merchant.id, canUse && loaded.adapter.capabilities.terminalSettle)}
            rows={loaded.terminals}
            rowKey={(t) => t.id}
            empty={
              <p className="rounded-lg border border-slate-200 bg-white px-4 py-8 text-center text-sm text-slate-600 shadow-sm">
                No terminals are registered for this merchant.
              </p>
            }
          />

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
