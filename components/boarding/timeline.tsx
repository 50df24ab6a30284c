"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { resendSignatureAction } from "@/lib/actions/boarding";
import type { TimelineView } from "@/lib/services/boarding/refresh-status";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/lib/dates";

const WELCOME_WORDS: Record<string, string> = {
  queued: "queued",
  sending: "being delivered",
  sent: "delivered to the owner's mail server",
  retrying: "the mail server did not accept it yet; retrying",
  failed: "could not be delivered",
};

const STATUS_LABEL: Record<string, string> = {
  draft: "Draft",
  submitted: "Submitted",
  signature_sent: "Waiting for signature",
  signed: "Signed — in underwriting",
  approved: "Approved — boarding",
  declined: "Declined",
  boarded: "Boarded — going live",
  live: "Live",
};

const done = (v: TimelineView) => v.status === "declined" || (v.status === "live" && !!v.merchantId);

/** The application's boarding timeline, polled while CoPilot is still working on it. */
export function BoardingTimeline({ partnerId, initial }: { partnerId: string; initial: TimelineView }) {
  const q = useQuery({
    queryKey: ["boarding-status", initial.id],
    queryFn: async (): Promise<TimelineView> => {
      const res = await fetch(`/api/partner/${partnerId}/applications/${initial.id}/status`, { cache: "no-store" });
      const body = await res.json().catch(() => null);
      if (!res.ok) throw new Error(body?.message ?? "Could not reach CoPilot.");
      return body as TimelineView;
    },
    initialData: initial,
    refetchInterval: (query) => (query.state.data && done(query.state.data) ? false : 3000),
    refetchOnMount: true,
    staleTime: 0,
  });
  const v = q.data;
  const client = useQueryClient();
  const [resending, startResend] = useTransition();
  const [resendError, setResendError] = useState<string | null>(null);
  const resend = () =>
    startResend(async () => {
      setResendError(null);
      const r = await resendSignatureAction({ partnerId, applicationId: v.id });
      if (!r.ok) return setResendError(r.error);
      await client.invalidateQueries({ queryKey: ["boarding-status", v.id] });
    });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <span
          data-testid="boarding-status"
          className={cn(
            "rounded-full px-3 py-1 text-sm font-medium",
            v.status === "live"
              ? "bg-emerald-100 text-emerald-800"
              : v.status === "declined"
                ? "bg-red-100 text-red-800"
                : "bg-amber-100 text-amber-800",
          )}
        >
          {STATUS_LABEL[v.status] ?? v.status}
        </span>
        {v.copilotMerchantId ? (
          <span className="text-sm text-slate-500">CoPilot merchant #{v.copilotMerchantId}</span>
        ) : null}
        {/* CoPilot's front-end MID; the portfolio shows the gateway's MID beside it, each named for what it is. */}
        {v.mid ? <span className="font-mono text-sm text-slate-700">CoPilot front-end MID {v.mid}</span> : null}
        {!done(v) ? (
          <span className="text-xs text-slate-500" aria-live="polite">
            {q.isFetching ? "Checking CoPilot…" : "Updates every few seconds"}
          </span>
        ) : null}
      </div>
      {q.isError ? <Alert tone="warning">{(q.error as Error).message} We will keep trying.</Alert> : null}
      {v.hints.map((h) => (
        <Alert key={h} tone="warning" title="Needs attention">
          {h}
        </Alert>
      ))}
      <ol className="relative space-y-5 border-l border-slate-200 pl-6" aria-label="Boarding timeline">
        {v.steps.map((s) => (
          <li key={s.key} data-state={s.state} className="relative">
            <span
              aria-hidden
              className={cn(
                "absolute -left-[1.95rem] top-0.5 flex h-4 w-4 items-center justify-center rounded-full ring-4 ring-white",
                s.state === "done"
                  ? "bg-emerald-500"
                  : s.state === "failed"
                    ? "bg-red-500"
                    : s.state === "current"
                      ? "animate-pulse bg-amber-400"
                      : "bg-slate-300",
              )}
            />
            <p className={cn("text-sm", s.state === "todo" ? "text-slate-500" : "font-medium text-slate-900")}>
              {s.label}
            </p>
            {s.at ? <p className="text-xs text-slate-500">{formatDateTime(s.at)}</p> : null}
          </li>
        ))}
      </ol>
      {v.signatureUrl && (v.status === "signature_sent" || v.status === "submitted") ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-4 text-sm">
          <p className="font-medium">Signature link</p>
          <p className="mt-1 text-slate-600">We emailed it to {v.ownerEmail}. You can also share it directly:</p>
          <a
            href={v.signatureUrl}
            target="_blank"
            rel="noreferrer"
            className="mt-2 inline-block break-all text-brand-700 underline"
          >
            Open signing page
          </a>
          {v.status === "signature_sent" ? (
            <div className="mt-3">
              <Button variant="secondary" size="sm" onClick={resend} disabled={resending}>
                {resending ? "Sending…" : "Send a new signature link"}
              </Button>
              {resendError ? (
                <p role="alert" className="mt-1 text-xs text-red-700">
                  {resendError}
                </p>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
      {v.merchantId ? (
        <div className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">
          <p className="font-medium">Merchant created in the portal</p>
          <p className="mt-1">
            <Link href={`/m/${v.merchantId}`} className="underline">
              Open {v.dbaName}
            </Link>
          </p>
          {v.ownerWelcome ? (
            <p className="mt-2" data-testid="owner-welcome">
              Welcome email to {v.ownerEmail}: {WELCOME_WORDS[v.ownerWelcome.status] ?? v.ownerWelcome.status}. Its
              sign-in link goes only to the owner; if it is lost, the owner asks for a new one with &ldquo;Forgot
              password?&rdquo; on the sign-in page.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
