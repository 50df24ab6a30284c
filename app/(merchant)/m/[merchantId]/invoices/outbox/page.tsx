import Link from "next/link";
import { formatDateTime } from "@/components/transactions/format";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { listOutbox } from "@/db/queries/outbox";
import { requireMerchantPage } from "@/lib/auth/page";

export const metadata = { title: "Outbox" };

/** Linkify the pay links inside a message body (the only URLs the portal writes into messages). */
function Body({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <p className="whitespace-pre-wrap break-words text-sm text-slate-700">
      {parts.map((p, i) =>
        /^https?:\/\//.test(p) ? (
          <a key={i} href={p} className="text-brand-700 underline" data-testid="outbox-link">
            {p}
          </a>
        ) : (
          p
        ),
      )}
    </p>
  );
}

export default async function OutboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ merchantId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { merchantId } = await params;
  const ctx = await requireMerchantPage(merchantId, "merchant:view");
  const sp = await searchParams;
  const page = Math.max(1, Number.parseInt(String(sp.page ?? "1"), 10) || 1);
  const id = ctx.merchant.id;
  const result = await listOutbox({ merchantId: id, page, pageSize: 20 });
  const base = `/m/${id}/invoices/outbox`;
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title="Outbox"
        description="Every email and text message the portal sent for this business, newest first. (This environment has no mail server: messages are kept here.)"
        back={
          <Link href={`/m/${id}/invoices`} className="text-brand-700 hover:underline">
            ← Invoices
          </Link>
        }
      />
      {result.items.length === 0 ? (
        <EmptyState title="No messages yet">Invoices you send by email or text appear here.</EmptyState>
      ) : (
        <>
          <ol className="space-y-3">
            {result.items.map((m) => (
              <li
                key={m.id}
                className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
                data-testid="outbox-message"
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="text-sm">
                    <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium uppercase text-slate-600">
                      {m.channel}
                    </span>
                    To <span className="font-medium text-slate-900">{m.to}</span>
                  </p>
                  <p className="text-xs text-slate-500">{formatDateTime(m.createdAt)}</p>
                </div>
                {m.subject ? <p className="mt-2 font-medium text-slate-900">{m.subject}</p> : null}
                <div className="mt-2">
                  <Body text={m.body} />
                </div>
                {m.topic === "invoice.sent" && m.reference ? (
                  <p className="mt-2 text-xs">
                    <Link
                      href={`/m/${id}/invoices/${encodeURIComponent(m.reference)}`}
                      className="text-brand-700 hover:underline"
                    >
                      Open the invoice
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
          <Pagination
            page={result.page}
            pageSize={result.pageSize}
            total={result.total}
            href={(p) => (p > 1 ? `${base}?page=${p}` : base)}
          />
        </>
      )}
    </div>
  );
}
