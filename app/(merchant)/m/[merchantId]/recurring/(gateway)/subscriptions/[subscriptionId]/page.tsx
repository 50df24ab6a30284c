import Link from "next/link";
import { notFound } from "next/navigation";
import { adjustmentValueLabel, describeDuration, describeSchedule } from "@/components/recurring/format";
import { SubscriptionActions } from "@/components/recurring/subscription-actions";
import { SubscriptionStatusBadge } from "@/components/recurring/status-badge";
import { Table } from "@/components/ui/table";
import { StatusBadge } from "@/components/transactions/status-badge";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { getCustomer } from "@/db/queries/customers";
import { getSubscription, listSubscriptionCharges } from "@/db/queries/subscriptions";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import type { SubscriptionStatus } from "@/lib/gateway/types";
import { log } from "@/lib/log";
import { formatMoney } from "@/lib/money";
import { previewSubscription } from "@/lib/services/recurring/preview";
import { refreshSubscription } from "@/lib/services/recurring/subscriptions";
import { allowedStatusChanges } from "@/lib/services/recurring/transitions";

const BILLING = new Set(["active", "failing"]);

export default async function SubscriptionPage(props: MerchantPageProps<{ subscriptionId: string }>) {
  const {
    ctx,
    params: { subscriptionId: raw },
  } = await merchantPage(props);
  const subscriptionId = decodeURIComponent(raw);
  // The gateway bills on its own clock: refresh the cached row so status and next bill date are current.
  let stale = false;
  try {
    await refreshSubscription(ctx.merchant.id, subscriptionId);
  } catch (err) {
    log().warn({ err, subscriptionId }, "subscription refresh failed; showing the cache");
    stale = true;
  }
  const sub = await getSubscription({ merchantId: ctx.merchant.id, subscriptionId });
  if (!sub) notFound();
  const [charges, vaultCustomer] = await Promise.all([
    listSubscriptionCharges({ merchantId: ctx.merchant.id, subscriptionId }),
    getCustomer({ merchantId: ctx.merchant.id, customerId: sub.customerId }),
  ]);
  const method = vaultCustomer?.paymentMethods.find((m) => m.id === sub.paymentMethodId);
  const methodLabel = method
    ? `${method.kind === "card" ? (method.cardBrand ?? "card").toUpperCase() : "ACH"} •••• ${method.lastFour ?? "????"}`
    : sub.paymentMethodType
      ? `${sub.paymentMethodType === "card" ? "Card" : "ACH"} ${sub.paymentMethodId ?? ""}`
      : "Customer default";
  const charged = charges.filter((c) => c.approved).length;
  const preview = BILLING.has(sub.status) ? previewSubscription(sub, charged, 12) : [];
  const allowed = merchantRoleCan(ctx.role, "recurring:edit")
    ? allowedStatusChanges(sub.status as SubscriptionStatus)
    : [];
  const base = `/m/${ctx.merchant.id}`;
  const collected = charges.filter((c) => c.approved).reduce((sum, c) => sum + c.amount, 0);

  return (
    <div className="space-y-5">
      <Link href={`${base}/recurring/subscriptions`} className="text-sm text-brand-700 hover:underline">
        ← All subscriptions
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex items-center gap-3">
            <h2 className="text-xl font-semibold text-slate-900">{sub.customerName ?? sub.customerId}</h2>
            <SubscriptionStatusBadge status={sub.status} />
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {sub.planName ?? "Custom terms"} · {formatMoney(sub.amount, sub.currency)} · {describeSchedule(sub)}
          </p>
          <p className="mt-0.5 text-xs text-slate-500">
            <span className="font-mono">{sub.id}</span>
            {vaultCustomer ? (
              <>
                {" · "}
                <Link
                  href={`${base}/customers/${encodeURIComponent(sub.customerId)}`}
                  className="text-brand-700 hover:underline"
                >
                  View customer
                </Link>
              </>
            ) : null}
          </p>
        </div>
        <SubscriptionActions
          merchantId={ctx.merchant.id}
          subscriptionId={sub.id}
          allowed={allowed}
          today={new Date().toISOString().slice(0, 10)}
        />
      </div>
      {stale ? (
        <Alert tone="warning">The gateway could not be reached; this page shows the last known state.</Alert>
      ) : null}
      {sub.status === "failing" ? (
        <Alert tone="error" title="The last charge failed">
          The gateway retries the unpaid cycle daily; after three failed attempts the subscription becomes past due.
        </Alert>
      ) : null}
      {sub.status === "past_due" ? (
        <Alert tone="warning" title="Past due">
          Billing has stopped after repeated failures. Update the customer&apos;s payment method, then activate the
          subscription with a new next bill date.
        </Alert>
      ) : null}

      <div className="grid gap-5 lg:grid-cols-3">
        <Card title="Terms" className="lg:col-span-1">
          <dl className="space-y-2 text-sm">
            {[
              [
                "Customer",
                sub.customerEmail
                  ? `${sub.customerName ?? sub.customerId} · ${sub.customerEmail}`
                  : (sub.customerName ?? sub.customerId),
              ],
              ["Plan", sub.planName ?? (sub.planId ? sub.planId : "Custom")],
              ["Base amount", formatMoney(sub.amount, sub.currency)],
              ["Schedule", describeSchedule(sub)],
              ["Runs", `${describeDuration(sub.duration)}${sub.duration ? ` (${charged} charged)` : ""}`],
              ["Next bill date", sub.nextBillDate ?? "—"],
              ["Payment method", methodLabel],
              ["Collected so far", formatMoney(collected, sub.currency)],
            ].map(([k, v]) => (
              <div key={k} className="flex justify-between gap-4">
                <dt className="text-slate-500">{k}</dt>
                <dd className="text-right font-medium text-slate-900">{v}</dd>
              </div>
            ))}
          </dl>
          {sub.addOns.length || sub.discounts.length ? (
            <div className="mt-4 border-t border-slate-100 pt-3">
              <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Add-ons and discounts</p>
              <ul className="mt-2 space-y-1 text-sm">
                {sub.addOns.map((a) => (
                  <li key={`a-${a.id}`} className="flex items-baseline justify-between gap-4">
                    <span className="font-medium text-slate-900">{a.name ?? a.id}</span>
                    <span className="whitespace-nowrap text-right tabular-nums text-slate-700">
                      +{adjustmentValueLabel(a, sub.currency)} · {describeDuration(a.duration, "cycle").toLowerCase()}
                    </span>
                  </li>
                ))}
                {sub.discounts.map((d) => (
                  <li key={`d-${d.id}`} className="flex items-baseline justify-between gap-4">
                    <span className="font-medium text-slate-900">{d.name ?? d.id}</span>
                    <span className="whitespace-nowrap text-right tabular-nums text-slate-700">
                      −{adjustmentValueLabel(d, sub.currency)} · {describeDuration(d.duration, "cycle").toLowerCase()}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </Card>

        <Card
          title="Upcoming charges"
          description="The next 12 charges, with add-ons and discounts expiring by their durations."
          className="lg:col-span-2"
          id="upcoming"
        >
          {preview.length === 0 ? (
            <p className="text-sm text-slate-500">
              {BILLING.has(sub.status)
                ? "No charges left: the subscription has run its course."
                : `No charges are scheduled while the subscription is ${sub.status.replace("_", " ")}.`}
            </p>
          ) : (
            <Table
              caption="Upcoming charges"
              rows={preview}
              rowKey={(c) => String(c.cycle)}
              rowData={() => ({ "data-testid": "upcoming-charge" })}
              columns={[
                { key: "cycle", header: "#", className: "text-slate-500 tabular-nums", cell: (c) => c.cycle },
                { key: "date", header: "Date", dataCell: "date", className: "tabular-nums", cell: (c) => c.date },
                {
                  key: "adjustments",
                  header: "Adjustments",
                  className: "text-xs text-slate-500",
                  cell: (c) =>
                    [
                      ...c.addOns.map((a) => `+${formatMoney(a.amount, sub.currency)} ${a.name ?? ""}`),
                      ...c.discounts.map((d) => `−${formatMoney(d.amount, sub.currency)} ${d.name ?? ""}`),
                    ].join(" · ") || "—",
                },
                {
                  key: "amount",
                  header: "Amount",
                  align: "right",
                  dataCell: "amount",
                  className: "font-medium",
                  cell: (c) => formatMoney(c.amount, sub.currency),
                },
              ]}
            />
          )}
        </Card>
      </div>

      <Card
        title="Charge history"
        description="Charges the gateway ran for this subscription, oldest first."
        id="history"
      >
        <Table
          caption="Charge history"
          rows={charges}
          rowKey={(c) => c.id}
          rowData={(c) => ({ "data-testid": "charge", "data-approved": c.approved ? "true" : "false" })}
          empty={<p className="text-sm text-slate-500">No charges yet.</p>}
          columns={[
            {
              key: "date",
              header: "Date",
              dataCell: "date",
              className: "tabular-nums",
              cell: (c) => c.createdAt.toISOString().slice(0, 10),
            },
            {
              key: "transaction",
              header: "Transaction",
              cell: (c) => (
                <Link
                  href={`${base}/transactions/${encodeURIComponent(c.id)}`}
                  className="font-mono text-xs text-brand-700 hover:underline"
                >
                  {c.id}
                </Link>
              ),
            },
            { key: "status", header: "Status", cell: (c) => <StatusBadge status={c.status} /> },
            { key: "response", header: "Response", className: "text-slate-600", cell: (c) => c.responseText ?? "—" },
            {
              key: "amount",
              header: "Amount",
              align: "right",
              dataCell: "amount",
              className: "font-medium",
              cell: (c) => formatMoney(c.amount, c.currency),
            },
          ]}
        />
      </Card>
    </div>
  );
}
