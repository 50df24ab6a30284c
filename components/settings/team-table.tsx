"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";
import { changeMemberRoleAction, removeMemberAction } from "@/lib/actions/settings";
import { MEMBER_ROLES, type MemberRole, ROLE_LABELS } from "@/lib/validations/settings";
import { cn } from "@/components/ui/cn";

export interface TeamMember {
  userId: string;
  name: string;
  email: string;
  role: MemberRole;
  since: string;
  pending: boolean;
  disabled: boolean;
}

type Pending = { kind: "role"; member: TeamMember; role: MemberRole } | { kind: "remove"; member: TeamMember };

/** Members with their roles; role changes and removals go through a confirmation. */
export function TeamTable({
  merchantId,
  merchantName,
  members,
  currentUserId,
}: {
  merchantId: string;
  merchantName: string;
  members: TeamMember[];
  currentUserId: string;
}) {
  const router = useRouter();
  const [confirm, setConfirm] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();
  const admins = members.filter((m) => m.role === "merchant_admin").length;

  function run() {
    if (!confirm) return;
    const c = confirm;
    startTransition(async () => {
      const r =
        c.kind === "role"
          ? await changeMemberRoleAction({ merchantId, userId: c.member.userId, role: c.role })
          : await removeMemberAction({ merchantId, userId: c.member.userId });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setConfirm(null);
      setError(null);
      setNotice(
        c.kind === "role"
          ? `${c.member.name} is now ${ROLE_LABELS[c.role].toLowerCase()}.`
          : `${c.member.name} was removed from ${merchantName}.`,
      );
      router.refresh();
    });
  }

  return (
    <div className="space-y-3">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <th scope="col" className="py-2 pr-4">
                Member
              </th>
              <th scope="col" className="py-2 pr-4">
                Role
              </th>
              <th scope="col" className="py-2 pr-4">
                Status
              </th>
              <th scope="col" className="py-2 text-right">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => {
              const self = m.userId === currentUserId;
              const lastAdmin = m.role === "merchant_admin" && admins <= 1;
              const locked = self || lastAdmin;
              const why = self ? "You cannot change your own access." : lastAdmin ? "The only admin." : undefined;
              return (
                <tr key={m.userId} data-member={m.email}>
                  <td className="py-3 pr-4">
                    <p className="font-medium text-slate-900">
                      {m.name}
                      {self ? <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span> : null}
                    </p>
                    <p className="text-slate-500">{m.email}</p>
                  </td>
                  <td className="py-3 pr-4">
                    <label className="sr-only" htmlFor={`role-${m.userId}`}>
                      Role of {m.name}
                    </label>
                    <select
                      id={`role-${m.userId}`}
                      value={m.role}
                      disabled={locked || busy}
                      title={why}
                      onChange={(e) => {
                        setError(null);
                        setConfirm({ kind: "role", member: m, role: e.target.value as MemberRole });
                      }}
                      className={cn("w-32", inputClass)}
                    >
                      {MEMBER_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="py-3 pr-4">
                    {m.disabled ? (
                      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">Disabled</span>
                    ) : m.pending ? (
                      <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-800 ring-1 ring-amber-200">
                        No password yet
                      </span>
                    ) : (
                      <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800 ring-1 ring-emerald-200">
                        Active
                      </span>
                    )}
                    <p className="mt-1 text-xs text-slate-500">Since {m.since}</p>
                  </td>
                  <td className="py-3 text-right">
                    {locked ? (
                      <span className="text-xs text-slate-500">{why}</span>
                    ) : (
                      <button
                        type="button"
                        className="rounded-md px-2.5 py-1.5 text-xs font-medium text-red-700 ring-1 ring-red-200 ring-inset hover:bg-red-50"
                        onClick={() => {
                          setError(null);
                          setConfirm({ kind: "remove", member: m });
                        }}
                        aria-label={`Remove ${m.name}`}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={confirm !== null}
        busy={busy}
        error={error}
        title={
          confirm?.kind === "remove"
            ? `Remove ${confirm.member.name}?`
            : confirm
              ? `Make ${confirm.member.name} ${ROLE_LABELS[confirm.role].toLowerCase()}?`
              : ""
        }
        confirmLabel={confirm?.kind === "remove" ? "Remove member" : "Change role"}
        onConfirm={run}
        onCancel={() => {
          setConfirm(null);
          setError(null);
        }}
      >
        {confirm?.kind === "remove" ? (
          <p>
            {confirm.member.email} loses access to {merchantName} immediately. Their past actions stay in the audit log.
          </p>
        ) : confirm?.role === "merchant_admin" ? (
          <p>Admins can change settings, manage the team, read the audit log and refund without a limit.</p>
        ) : (
          <p>Staff cannot change settings or the team, and their refunds are limited.</p>
        )}
      </ConfirmDialog>
    </div>
  );
}
