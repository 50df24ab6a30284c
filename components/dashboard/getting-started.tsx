import Link from "next/link";
import { gettingStartedFacts } from "@/db/queries/getting-started";

/**
 * "Getting started" for a new merchant's admin (server component): the four first steps, each ticked off from what
 * the portal already knows, and nothing at all once every step is done.
 */
export async function GettingStarted({ merchantId }: { merchantId: string }) {
  const f = await gettingStartedFacts({ merchantId });
  const base = `/m/${merchantId}`;
  const steps = [
    {
      done: f.gatewayConnected,
      title: "Connect your gateway",
      text: "Your partner connects it when your application goes live; Settings shows the processing details.",
      href: `${base}/settings`,
      action: "Open settings",
    },
    {
      done: f.hasCustomer,
      title: "Add a customer",
      text: "Save a customer and their card in the vault to charge them again or bill them.",
      href: `${base}/customers/new`,
      action: "Add a customer",
    },
    {
      done: f.sentInvoice,
      title: "Send a first invoice",
      text: "Your customer gets a secure link to pay it online.",
      href: `${base}/invoices/new`,
      action: "Create an invoice",
    },
    {
      done: f.hasTeammate,
      title: "Invite a teammate",
      text: "Give your staff their own sign-in, with only the access they need.",
      href: `${base}/settings#team`,
      action: "Invite someone",
    },
  ];
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return null;
  return (
    <section
      aria-labelledby="getting-started-title"
      className="rounded-lg border border-brand-100 bg-brand-50/60 p-4"
      data-testid="getting-started"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="getting-started-title" className="text-base font-semibold text-slate-900">
          Getting started
        </h2>
        <p className="text-sm text-slate-600">
          {done} of {steps.length} done
        </p>
      </div>
      <ol className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {steps.map((s) => (
          <li key={s.title} className="rounded-md border border-slate-200 bg-white p-3" data-done={s.done}>
            <p className="flex items-center gap-2 text-sm font-medium text-slate-900">
              <span
                aria-hidden="true"
                className={`inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs ${
                  s.done ? "bg-emerald-600 text-white" : "border border-slate-300 text-transparent"
                }`}
              >
                ✓
              </span>
              {s.title}
              <span className="sr-only">{s.done ? " (done)" : " (to do)"}</span>
            </p>
            {s.done ? null : (
              <>
                <p className="mt-1 text-xs text-slate-600">{s.text}</p>
                <Link className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline" href={s.href}>
                  {s.action}
                </Link>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
