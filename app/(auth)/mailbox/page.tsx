import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAccountPage } from "@/lib/auth/page";
import { env } from "@/lib/env";
import { demoInboxAvailable, listOwnMail } from "@/lib/mail/inbox";

export const metadata: Metadata = { title: "Your demo mailbox", referrer: "no-referrer", robots: "noindex" };
export const dynamic = "force-dynamic";

function Body({ text }: { text: string }) {
  return (
    <p className="text-sm break-words whitespace-pre-wrap text-slate-700">
      {text.split(/(https?:\/\/[^\s\]]+[^\s\].,;:!?)])/g).map((p, i) =>
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
 * Sandbox mode: the mail the demo's SMTP catcher received for the signed-in user's own address — and only that
 * address (the session's, never one from the URL). Signed-out visitors are sent to sign in; with the sandboxes off
 * the page does not exist (mail goes to real mailboxes). Everyone's mail is in the catcher's own web view, on its
 * own port behind the token `npm start` prints.
 */
export default async function MailboxPage() {
  if (!env().sandboxEnabled) notFound();
  const user = await requireAccountPage();
  const messages = await listOwnMail(user.email);
  return (
    <main className="mx-auto max-w-2xl px-4 py-12">
      <div className="mb-6 flex items-baseline justify-between">
        <h1 className="text-xl font-semibold">Your demo mailbox</h1>
        <Link href="/" className="text-sm text-brand-700 hover:underline">
          Back to the portal
        </Link>
      </div>
      <p className="mb-6 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        Sandbox mode: the portal sends mail over SMTP to a local catcher instead of the internet. This page shows what
        it received for <strong>{user.email}</strong>, newest first. Signed out (for a password reset or a first
        invitation)? Open the mail catcher at the address <code>npm start</code> printed.
      </p>
      {messages === null ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
          {demoInboxAvailable()
            ? "The mail catcher is not answering. Is `npm start` still running?"
            : "No mail catcher is attached to this server (it is started by `npm start` in sandbox mode)."}
        </p>
      ) : messages.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
          No mail for {user.email} yet.
        </p>
      ) : (
        <ul className="space-y-4">
          {messages.map((m) => (
            <li
              key={m.id}
              className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
              data-testid="mailbox-message"
            >
              <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-xs text-slate-500">
                <span>From {m.from}</span>
                <time dateTime={m.receivedAt}>{new Date(m.receivedAt).toUTCString()}</time>
              </div>
              <p className="mb-2 font-medium">{m.subject}</p>
              <Body text={m.text} />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
