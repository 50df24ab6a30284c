import { SettingsBackLink } from "@/components/settings/back-link";
import { formatDateTime } from "@/components/transactions/format";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AttemptsList, LogFilterForm, LogFilterSelect, LogTable } from "@/components/ui/delivery-log";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { StatusBadge, statusLabel } from "@/components/ui/status-badge";
import { cn } from "@/components/ui/cn";
import { EndpointActions } from "@/components/webhooks/endpoint-actions";
import { EndpointForm } from "@/components/webhooks/endpoint-form";
import { ResendButton } from "@/components/webhooks/resend-button";
import { VerifyRecipe } from "@/components/webhooks/verify-recipe";
import { listWebhookAttempts, listWebhookDeliveries, listWebhookEndpoints } from "@/db/queries/webhooks";
import { type MerchantPageProps, requireMerchantPage } from "@/lib/auth/page";
import { DELIVERY_STATUSES, type DeliveryStatus } from "@/lib/validations/webhooks";
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";

export const metadata = { title: "Webhooks" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const EVENT_FILTERS: readonly string[] = [...WEBHOOK_EVENT_TYPES, TEST_EVENT_TYPE];

/**
 * Settings → Webhooks: the merchant's endpoints (events sent to their own systems, signed), how to verify them, and
 * the delivery log with each attempt's answer and a Resend button. Admins only.
 */
export default async function WebhooksPage({ params, searchParams }: MerchantPageProps) {
  const { merchantId } = await params;
  const ctx = await requireMerchantPage(merchantId, "settings:manage");
  const id = ctx.merchant.id;
  const sp = await searchParams;
  const page = Math.max(1, Number.parseInt(one(sp.page) ?? "1", 10) || 1);
  const statusParam = one(sp.status);
  const status = DELIVERY_STATUSES.includes(statusParam as DeliveryStatus) ? statusParam : undefined;
  const typeParam = one(sp.type);
  const eventType = typeParam && EVENT_FILTERS.includes(typeParam) ? typeParam : undefined;
  const endpoints = await listWebhookEndpoints({ merchantId: id });
  const endpointParam = one(sp.endpoint);
  const endpointId = endpoints.some((e) => e.id === endpointParam) ? endpointParam : undefined;
  const log = await listWebhookDeliveries({ merchantId: id, status, eventType, endpointId, page, pageSize: 25 });
  const attempts = await listWebhookAttempts({ merchantId: id, deliveryIds: log.items.map((d) => d.id) });
  const base = `/m/${id}/settings/webhooks`;
  const query = (p: number) => {
    const q = new URLSearchParams();
    if (status) q.set("status", status);
    if (eventType) q.set("type", eventType);
    if (endpointId) q.set("endpoint", endpointId);
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const filtered = !!status || !!eventType || !!endpointId;

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader
        title="Webhooks"
        description="Send payments, refunds, invoices, subscriptions, deposits and reconciliation exceptions to your own systems as they happen, signed so you can trust them."
        back={<SettingsBackLink merchantId={id} />}
      />

      <Card
        title="Endpoints"
        description="Each endpoint gets the events it chose, retried with growing pauses for about four hours until it answers 2xx."
      >
        <div className="space-y-5">
          {endpoints.length === 0 ? (
            <EmptyState title="No endpoints yet">
              Add the URL of your system below to start receiving events.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {endpoints.map((e) => (
                <li key={e.id} className="py-4" data-testid="webhook-endpoint">
                  <div className="mb-2 flex flex-wrap items-center gap-2">
                    <span className="font-mono text-sm break-all text-slate-900">{e.url}</span>
                    <span
                      className={cn(
                        "rounded-full px-2 py-0.5 text-xs ring-1 ring-inset",
                        e.enabled
                          ? "bg-emerald-50 text-emerald-800 ring-emerald-600/20"
                          : "bg-slate-100 text-slate-600 ring-slate-400/20",
                      )}
                    >
                      {e.enabled ? "Enabled" : "Disabled"}
                    </span>
                  </div>
                  {e.description ? <p className="text-sm text-slate-600">{e.description}</p> : null}
                  <p className="mb-2 text-xs text-slate-500">
                    {e.eventTypes.length} {e.eventTypes.length === 1 ? "event" : "events"}: {e.eventTypes.join(", ")}
                    {e.previousSecretExpiresAt && e.previousSecretExpiresAt > new Date()
                      ? ` · previous secret also signs until ${formatDateTime(e.previousSecretExpiresAt)}`
                      : ""}
                  </p>
                  <EndpointActions
                    merchantId={id}
                    endpoint={{
                      id: e.id,
                      url: e.url,
                      description: e.description ?? "",
                      eventTypes: e.eventTypes,
                      enabled: e.enabled,
                    }}
                  />
                </li>
              ))}
            </ul>
          )}
          <div className="border-t border-slate-100 pt-4">
            <h3 className="mb-2 text-sm font-semibold text-slate-900">Add an endpoint</h3>
            <EndpointForm merchantId={id} />
          </div>
        </div>
      </Card>

      <VerifyRecipe />

      <section aria-labelledby="delivery-log-title" className="space-y-3">
        <h2 id="delivery-log-title" className="text-lg font-semibold text-slate-900">
          Delivery log
        </h2>
        <LogFilterForm label="Filter deliveries" base={base} filtered={filtered}>
          <LogFilterSelect
            name="type"
            label="Event"
            value={eventType}
            any="Any event"
            options={EVENT_FILTERS.map((t) => [t, t] as const)}
          />
          <LogFilterSelect
            name="status"
            label="Status"
            value={status}
            any="Any status"
            options={DELIVERY_STATUSES.map((s) => [s, statusLabel("webhook", s)] as const)}
          />
          {endpoints.length > 1 ? (
            <LogFilterSelect
              name="endpoint"
              label="Endpoint"
              value={endpointId}
              any="Any endpoint"
              className="max-w-xs"
              options={endpoints.map((e) => [e.id, e.description || e.url] as const)}
            />
          ) : null}
        </LogFilterForm>
        {log.items.length === 0 ? (
          <EmptyState title={filtered ? "No deliveries match" : "Nothing sent yet"}>
            {filtered
              ? "Try another event or status."
              : "Events sent to your endpoints appear here, with your system's answers."}
          </EmptyState>
        ) : (
          <>
            <LogTable
              caption="Webhook deliveries, newest first"
              headers={[
                "Time",
                "Event",
                "Endpoint",
                "Status",
                <span key="a" className="sr-only">
                  Actions
                </span>,
              ]}
            >
              {log.items.map((d) => {
                const tries = attempts.get(d.id) ?? [];
                return (
                  <tr key={d.id} data-testid="webhook-delivery" data-event-type={d.eventType} className="align-top">
                    <td className="px-4 py-3 whitespace-nowrap text-slate-600">{formatDateTime(d.createdAt)}</td>
                    <td className="px-4 py-3">
                      <p className="font-mono text-xs text-slate-900">{d.eventType}</p>
                      <p className="font-mono text-xs text-slate-500">{d.eventId}</p>
                      {d.manual ? <p className="text-xs text-slate-500">Resent by hand</p> : null}
                      <details className="mt-1 text-xs">
                        <summary className="cursor-pointer text-brand-700">Request body</summary>
                        <pre
                          tabIndex={0}
                          role="region"
                          aria-label="Request body"
                          className="mt-1 max-w-md overflow-x-auto rounded bg-slate-50 p-2 font-mono whitespace-pre-wrap break-all"
                        >
                          {JSON.stringify(
                            {
                              id: d.eventId,
                              type: d.eventType,
                              created: Math.floor(d.eventCreatedAt.getTime() / 1000),
                              data: d.eventData,
                            },
                            null,
                            2,
                          )}
                        </pre>
                      </details>
                    </td>
                    <td className="max-w-xs px-4 py-3 font-mono text-xs break-all text-slate-700">{d.endpointUrl}</td>
                    <td className="px-4 py-3">
                      <StatusBadge kind="webhook" status={d.status} />
                      {tries.length ? (
                        <AttemptsList count={tries.length} testId="webhook-attempts">
                          {tries.map((a) => (
                            <li key={a.id}>
                              <span className="font-medium">#{a.attempt}</span> {formatDateTime(a.at)} —{" "}
                              {a.statusCode ? `HTTP ${a.statusCode}` : "no answer"} in {a.durationMs} ms:{" "}
                              <span className="font-mono break-all">{a.responseExcerpt || "(empty body)"}</span>
                            </li>
                          ))}
                        </AttemptsList>
                      ) : d.status === "queued" ? (
                        <p className="mt-1 text-xs text-slate-500">Waiting for its first attempt.</p>
                      ) : null}
                    </td>
                    <td className="px-4 py-3 text-right">
                      {d.status === "succeeded" || d.status === "failed" ? (
                        <ResendButton merchantId={id} deliveryId={d.id} eventType={d.eventType} />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </LogTable>
            <Pagination page={log.page} pageSize={log.pageSize} total={log.total} href={query} />
          </>
        )}
      </section>
    </div>
  );
}
