import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Colours a badge may take; each status below picks one, so the same meaning looks the same on every page. */
const TONES = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  blue: "bg-sky-50 text-sky-800 ring-sky-600/20",
  indigo: "bg-indigo-50 text-indigo-800 ring-indigo-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  red: "bg-red-50 text-red-800 ring-red-600/20",
  violet: "bg-violet-50 text-violet-800 ring-violet-600/20",
  grey: "bg-slate-100 text-slate-700 ring-slate-500/20",
  muted: "bg-slate-100 text-slate-600 ring-slate-400/20",
} as const;
type Tone = keyof typeof TONES;

/**
 * Every status the portal shows, per kind of thing: its label and its colour. One vocabulary — the same word never
 * means two things on one screen (the portfolio's merchant status is "Active", its boarding stage "Live").
 */
export const STATUSES = {
  transaction: {
    pending: ["Pending", "amber"],
    authorized: ["Authorized", "indigo"],
    pending_settlement: ["Pending settlement", "blue"],
    settled: ["Settled", "green"],
    declined: ["Declined", "red"],
    voided: ["Voided", "grey"],
    refunded: ["Refunded", "violet"],
    partially_refunded: ["Partially refunded", "violet"],
    returned: ["Returned", "red"],
    flagged: ["Flagged", "red"],
    unknown: ["Unknown", "grey"],
  },
  invoice: {
    draft: ["Draft", "grey"],
    open: ["Open", "blue"],
    partially_paid: ["Partially paid", "amber"],
    paid: ["Paid", "green"],
    void: ["Void", "muted"],
    declined: ["Payment declined", "red"],
    overdue: ["Overdue", "red"],
  },
  subscription: {
    active: ["Active", "green"],
    paused: ["Paused", "grey"],
    past_due: ["Past due", "amber"],
    failing: ["Failing", "red"],
    failed: ["Failed", "red"],
    error: ["Error", "red"],
    cancelled: ["Cancelled", "grey"],
    completed: ["Completed", "blue"],
    unknown: ["Unknown", "grey"],
  },
  plan: {
    active: ["Active", "green"],
    finished: ["Finished", "grey"],
    cancelled: ["Cancelled", "grey"],
    unknown: ["Unknown", "grey"],
  },
  payment: {
    scheduled: ["Scheduled", "blue"],
    paid: ["Paid", "green"],
    failed: ["Failed", "red"],
    cancelled: ["Cancelled", "grey"],
    unknown: ["Unknown", "grey"],
  },
  delivery: {
    queued: ["Queued", "grey"],
    sending: ["Sending", "blue"],
    sent: ["Sent", "green"],
    retrying: ["Retrying", "amber"],
    failed: ["Failed", "red"],
  },
  webhook: {
    queued: ["Queued", "grey"],
    sending: ["Sending", "blue"],
    succeeded: ["Delivered", "green"],
    retrying: ["Retrying", "amber"],
    failed: ["Failed", "red"],
  },
  merchant: {
    live: ["Active", "green"],
    inactive: ["Inactive", "grey"],
    closed: ["Closed", "muted"],
  },
  boarding: {
    draft: ["Draft", "grey"],
    submitted: ["Submitted", "blue"],
    signature_sent: ["Awaiting signature", "amber"],
    signed: ["Underwriting", "indigo"],
    approved: ["Approved", "green"],
    declined: ["Declined", "red"],
    boarded: ["Boarded", "green"],
    live: ["Live", "green"],
  },
  deposit: {
    reconciled: ["Reconciled", "green"],
    exception: ["Exception", "red"],
  },
  exception: {
    open: ["Open", "amber"],
    resolved: ["Resolved", "green"],
    ignored: ["Ignored", "muted"],
  },
} as const satisfies Record<string, Record<string, readonly [string, Tone]>>;

export type StatusKind = keyof typeof STATUSES;

function entry(kind: StatusKind, status: string): readonly [string, Tone] | undefined {
  return (STATUSES[kind] as Record<string, readonly [string, Tone]>)[status];
}

/** The label of a status ("partially_refunded" → "Partially refunded"); unknown values are shown as they are. */
export function statusLabel(kind: StatusKind, status: string): string {
  return entry(kind, status)?.[0] ?? status;
}

/** Value → label for a `<select>` of one kind's statuses. */
export function statusOptions(kind: StatusKind): Record<string, string> {
  return Object.fromEntries(Object.entries(STATUSES[kind]).map(([k, [label]]) => [k, label]));
}

export function StatusBadge({
  kind,
  status,
  className,
  ...rest
}: Omit<ComponentProps<"span">, "children"> & {
  kind: StatusKind;
  status: string;
}) {
  const [label, tone] = entry(kind, status) ?? [status, "grey" as Tone];
  return (
    <span
      data-status={status}
      // Invoices kept their earlier attribute name, which the e2e suite selects by.
      data-state={kind === "invoice" ? status : undefined}
      {...rest}
      className={cn(
        "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        TONES[tone],
        tone === "muted" && kind === "invoice" && "line-through",
        className,
      )}
    >
      {label}
    </span>
  );
}
