import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { env } from "@/lib/env";
import { listAccountMessages } from "@/lib/services/account/mailbox";

export const metadata: Metadata = { title: "Demo mailbox", referrer: "no-referrer", robots: "noindex" };
export const dynamic = "force-dynamic";

function Body({ text }: { text: string }) {
  return (
    <p className="text-sm break-words whitespace-pre-wrap text-slate-700">
      {text.split(/(https?:\/\/\S+)/g).map((p, i) =>
        /^https?:\/\//.test(p) ? (
          <a key={i} href={p} className="text-brand-700 underline" data-testid="mailbox-link">
            {p}
          </a>
        ) : (
          p
        ),
      )}
    </p>
  );
}

/**
 * Demo mode has no mail server: account messages (password-reset links) are written to the outbox and read
 * here. The page does not exist with the sandboxes off (production), where a real mailer delivers them.
 */
export default async function MailboxPage() {
  if (!env().sandboxEnabled) notFound();
  const messages = await listAccountMessages();
  return (
    <main className="mx-auto max-w-2xl px-4 py-12">
      <div className="mb-6 flex items-baseline justify-between">
        <h1 className="text-xl font-semibold">Demo mailbox</h1>
        <Link href="/login" className="text-sm text-brand-700 hover:underline">
          Back to sign-in
        </Link>
      </div>
      <p className="mb-6 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        Sandbox mode: no email is sent. Password-reset messages land in the outbox and are shown here, newest first.
        This page does not exist when the sandboxes are off.
      </p>
      {messages.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
          No messages yet. Ask for a reset link on the{" "}
          <Link href="/forgot-password" className="text-brand-700 underline">
            Forgot password
          </Link>{" "}
          page.
        </p>
      ) : (
        <ul className="space-y-4">
          {messages.map((m) => (
            <li key={m.id} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
              <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-xs text-slate-500">
                <span>
                  To <strong className="text-slate-800">{m.to}</strong>
                </span>
                <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toUTCString()}</time>
              </div>
              <p className="mb-2 font-medium">{m.subject}</p>
              <Body text={m.body} />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
