"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { resendInvitationAction, revokeInvitationAction } from "@/lib/actions/settings";

export interface PendingInvitation {
  id: string;
  email: string;
  name: string;
  roleLabel: string;
  newAccount: boolean;
  invitedBy: string | null;
  sent: string;
  expires: string;
  expired: boolean;
}

/**
 * Open invitations: who, which role, until when. No link is shown here — an invitation's sign-in link exists only
 * in the invitee's mailbox; "Resend" mails it again (a new account's earlier link stops working).
 */
export function PendingInvitations({
  merchantId,
  invitations,
}: {
  merchantId: string;
  invitations: PendingInvitation[];
}) {
  const router = useRouter();
  const [busy, start] = useTransition();
  const [confirm, setConfirm] = useState<PendingInvitation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function resend(inv: PendingInvitation) {
    setError(null);
    start(async () => {
      const r = await resendInvitationAction({ merchantId, invitationId: inv.id });
      if (!r.ok) setError(r.error);
      else {
        setNotice(`Invitation sent again to ${r.data.email}.`);
        router.refresh();
      }
    });
  }

  function revoke() {
    const inv = confirm;
    if (!inv) return;
    start(async () => {
      const r = await revokeInvitationAction({ merchantId, invitationId: inv.id });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setConfirm(null);
      setNotice(`The invitation of ${inv.email} was withdrawn.`);
      router.refresh();
    });
  }

  if (invitations.length === 0) return null;
  return (
    <div className="space-y-3" data-testid="pending-invitations">
      <h3 className="text-sm font-semibold text-slate-900">Open invitations</h3>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error && !confirm ? <Alert tone="error">{error}</Alert> : null}
      <ul className="divide-y divide-slate-100 text-sm">
        {invitations.map((inv) => (
          <li
            key={inv.id}
            className="flex flex-wrap items-center justify-between gap-3 py-3"
            data-invitation={inv.email}
          >
            <div>
              <p className="font-medium text-slate-900">
                {inv.name} <span className="font-normal text-slate-500">· {inv.email}</span>
              </p>
              <p className="text-xs text-slate-500">
                {inv.roleLabel} · invited {inv.sent}
                {inv.invitedBy ? ` by ${inv.invitedBy}` : ""} ·{" "}
                {inv.expired ? <span className="text-red-700">expired</span> : `open until ${inv.expires}`} ·{" "}
                {inv.newAccount
                  ? "new account: sets a password from the emailed link"
                  : "has an account: accepts after signing in"}
              </p>
            </div>
            <div className="flex gap-2">
              <button
                type="button"
                disabled={busy}
                onClick={() => resend(inv)}
                className="rounded-md px-2.5 py-1.5 text-xs font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
              >
                Resend
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => {
                  setError(null);
                  setConfirm(inv);
                }}
                aria-label={`Withdraw the invitation of ${inv.email}`}
                className="rounded-md px-2.5 py-1.5 text-xs font-medium text-red-700 ring-1 ring-red-200 ring-inset hover:bg-red-50"
              >
                Withdraw
              </button>
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={confirm !== null}
        busy={busy}
        error={error}
        title={confirm ? `Withdraw the invitation of ${confirm.email}?` : ""}
        confirmLabel="Withdraw invitation"
        onConfirm={revoke}
        onCancel={() => {
          setConfirm(null);
          setError(null);
        }}
      >
        <p>The emailed invitation stops working at once. You can invite them again later.</p>
      </ConfirmDialog>
    </div>
  );
}
