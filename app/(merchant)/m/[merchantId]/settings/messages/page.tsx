import Link from "next/link";
import { SettingsBackLink } from "@/components/settings/back-link";
import { DELIVERY_STATUS_LABELS, DeliveryStatus } from "@/components/mail/delivery-status";
import { formatDateTime } from "@/components/transactions/format";
import { Alert } from "@/components/ui/alert";
import { AttemptsList, LogFilterForm, LogFilterSelect } from "@/components/ui/delivery-log";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { type Column, Table } from "@/components/ui/table";
import { listMailAttempts, listSentMessages, MAIL_STATUSES, type MailStatus } from "@/db/queries/mail";
import { firstValue, merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { TEMPLATE_LABELS } from "@/lib/mail/templates";
import { cn } from "@/components/ui/cn";

export const metadata = { title: "Sent messages" };

type Message = Awaited<ReturnType<typeof listSentMessages>>["items"][number];
type Attempts = Awaited<ReturnType<typeof listMailAttempts>>;

function messageColumns(merchantId: string, attempts: Attempts): Column<Message>[] {
  return [
    {
      key: "time",
      header: "Time",
      className: "whitespace-nowrap text-slate-600",
      cell: (m) => formatDateTime(m.createdAt),
    },
    { key: "to", header: "Recipient", className: "text-slate-900", cell: (m) => m.to },
    {
      key: "subject",
      header: "Subject",
      cell: (m) => (
        <>
          <p className="text-slate-900">{m.subject}</p>
          <p className="text-xs text-slate-500">
            {TEMPLATE_LABELS[m.template as keyof typeof TEMPLATE_LABELS] ?? m.template}
            {(m.template === "invoice-sent" || m.template === "payment-receipt") && m.reference ? (
              <>
                {" · "}
                <Link
                  href={`/m/${merchantId}/invoices/${encodeURIComponent(m.reference)}`}
                  className="text-brand-700 underline"
                >
                  Open the invoice
                </Link>
              </>
            ) : null}
          </p>
        </>
      ),
    },
    { key: "status", header: "Status", cell: (m) => <MessageStatus m={m} log={attempts.get(m.id) ?? []} /> },
  ];
}

function MessageStatus({ m, log }: { m: Message; log: Attempts extends Map<string, infer A> ? A : never }) {
  return (
    <>
      <DeliveryStatus status={m.status} />
      {m.sentAt ? <p className="mt-1 text-xs text-slate-500">Delivered {formatDateTime(m.sentAt)}</p> : null}
      {log.length ? (
        <AttemptsList count={log.length} testId="delivery-log">
          {log.map((a) => (
            <li key={a.attempt}>
              <span className="font-medium">#{a.attempt}</span> {formatDateTime(a.at)} —{" "}
              {a.outcome === "sent" ? "accepted" : "not delivered"}:{" "}
              <span className="font-mono break-all">{a.response}</span>
            </li>
          ))}
        </AttemptsList>
      ) : m.status === "queued" ? (
        <p className="mt-1 text-xs text-slate-500">Waiting for its first attempt.</p>
      ) : null}
    </>
  );
}

/**
 * The merchant's sent messages: subject, recipient, kind, delivery status and its log (each attempt with the mail
 * server's answer). Admins only — and never the body: the links inside invitations, welcomes and resets belong to
 * their recipients' mailboxes alone (issue 15). Invoice pay links are on each invoice's page.
 */
export default async function SentMessagesPage(props: MerchantPageProps) {
  const { ctx, query: sp } = await merchantPage(props, "audit:view");
  const id = ctx.merchant.id;
  const page = Math.max(1, Number.parseInt(firstValue(sp.page) ?? "1", 10) || 1);
  const statusParam = firstValue(sp.status);
  const status = MAIL_STATUSES.includes(statusParam as MailStatus) ? (statusParam as MailStatus) : undefined;
  const to = (firstValue(sp.to) ?? "").trim().slice(0, 320);
  const result = await listSentMessages({ merchantId: id, status, to: to || undefined, page, pageSize: 25 });
  const attempts = await listMailAttempts({ messageIds: result.items.map((m) => m.id) });
  const base = `/m/${id}/settings/messages`;
  const query = (p: number) => {
    const q = new URLSearchParams();
    if (status) q.set("status", status);
    if (to) q.set("to", to);
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const filtered = !!status || !!to;
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title="Sent messages"
        description="Every email sent for this business: who it went to, what it was and whether their mail server took it. Message contents are not kept here — sign-in links belong only to their recipients."
        back={<SettingsBackLink merchantId={id} />}
      />
      <LogFilterForm label="Filter messages" base={base} filtered={filtered}>
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Recipient</span>
          <input
            name="to"
            type="email"
            defaultValue={to}
            placeholder="name@example.com"
            className={cn("mt-1 w-64", inputClass)}
          />
        </label>
        <LogFilterSelect
          name="status"
          label="Status"
          value={status}
          any="Any status"
          options={MAIL_STATUSES.map((s) => [s, DELIVERY_STATUS_LABELS[s] ?? s] as const)}
        />
      </LogFilterForm>
      {result.items.some((m) => m.status === "retrying") ? (
        <div className="mb-4">
          <Alert tone="warning" title="Some messages are waiting to be retried">
            The mail server did not accept them yet. Each is tried again automatically, at growing intervals, for
            several hours before it is marked failed.
          </Alert>
        </div>
      ) : null}
      {result.items.length === 0 ? (
        <EmptyState title={filtered ? "No messages match" : "No messages yet"}>
          {filtered
            ? "Try another recipient or status."
            : "Invoices you email, receipts, team invitations and welcome emails appear here."}
        </EmptyState>
      ) : (
        <>
          <Table
            caption="Sent messages, newest first"
            columns={messageColumns(id, attempts)}
            rows={result.items}
            rowKey={(m) => m.id}
            rowClassName={() => "align-top"}
            rowData={() => ({ "data-testid": "sent-message" })}
            pagination={{ page: result.page, pageSize: result.pageSize, total: result.total, href: query }}
          />
        </>
      )}
    </div>
  );
}
