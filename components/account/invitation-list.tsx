"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { acceptInvitationAction, declineInvitationAction } from "@/lib/actions/invitations";

export interface MyInvitation {
  id: string;
  merchantName: string;
  roleLabel: string;
  invitedBy: string | null;
  sent: string;
  expires: string;
}

/** The signed-in account's open invitations, each accepted or declined by the account itself. */
export function InvitationList({ invitations }: { invitations: MyInvitation[] }) {
  const router = useRouter();
  const [busy, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<{ merchantId: string; name: string } | null>(null);
  const [declined, setDeclined] = useState<string | null>(null);

  function answer(inv: MyInvitation, accept: boolean) {
    setError(null);
    start(async () => {
      const r = accept
        ? await acceptInvitationAction({ invitationId: inv.id })
        : await declineInvitationAction({ invitationId: inv.id });
      if (!r.ok) {
        setError(r.error);
        router.refresh();
        return;
      }
      if (accept && "merchantId" in r.data) setJoined({ merchantId: r.data.merchantId, name: inv.merchantName });
      else setDeclined(inv.merchantName);
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      {joined ? (
        <Alert tone="success" title={`You joined ${joined.name}`}>
          <Link href={`/m/${joined.merchantId}`} className="font-medium underline">
            Open {joined.name}
          </Link>{" "}
          — switch between your businesses from the menu at the top of the sidebar.
        </Alert>
      ) : null}
      {declined ? <Alert tone="info">You declined the invitation to {declined}.</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {invitations.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
          No open invitations.
        </p>
      ) : (
        <ul className="space-y-3">
          {invitations.map((inv) => (
            <li
              key={inv.id}
              className="flex flex-wrap items-center justify-between gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
              data-testid="invitation"
            >
              <div>
                <p className="font-medium text-slate-900">{inv.merchantName}</p>
                <p className="text-sm text-slate-600">
                  as {inv.roleLabel}
                  {inv.invitedBy ? `, invited by ${inv.invitedBy}` : ""} on {inv.sent}. Open until {inv.expires}.
                </p>
              </div>
              <div className="flex gap-2">
                <Button onClick={() => answer(inv, true)} disabled={busy}>
                  Accept
                </Button>
                <Button variant="secondary" onClick={() => answer(inv, false)} disabled={busy}>
                  Decline
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
