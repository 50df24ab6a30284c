"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { inputClass } from "@/components/ui/field";
import { deleteEndpointAction, rotateSecretAction, sendTestEventAction } from "@/lib/actions/webhooks";
import { formatDateTime } from "@/components/transactions/format";
import { EndpointForm, type EndpointFormValues } from "./endpoint-form";
import { SecretNotice } from "./secret-notice";

/** One endpoint's buttons: send a test event, edit, rotate the secret (with an overlap), remove. */
export function EndpointActions({
  merchantId,
  endpoint,
}: {
  merchantId: string;
  endpoint: EndpointFormValues & { id: string };
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [editing, setEditing] = useState(false);
  const [overlap, setOverlap] = useState("24");
  const [rotated, setRotated] = useState<{ secret: string; until: string | null } | null>(null);
  const ref = { merchantId, endpointId: endpoint.id };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          variant="secondary"
          disabled={pending || !endpoint.enabled}
          onClick={() =>
            start(async () => {
              const r = await sendTestEventAction(ref);
              setNotice(
                r.ok
                  ? { tone: "success", text: "Test event queued. It appears in the delivery log below in a moment." }
                  : { tone: "error", text: r.error },
              );
              router.refresh();
            })
          }
        >
          {pending ? "Sending…" : "Send test event"}
        </Button>
        <Button size="sm" variant="secondary" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
          {editing ? "Close editing" : "Edit"}
        </Button>
        <ConfirmActionButton
          size="sm"
          variant="secondary"
          label="Rotate secret"
          title="Rotate the signing secret?"
          confirmLabel="Rotate secret"
          action={async () => {
            const r = await rotateSecretAction({ ...ref, overlapHours: overlap });
            if (r.ok) setRotated({ secret: r.data.secret, until: r.data.previousValidUntil });
            return r;
          }}
          onDone={() => router.refresh()}
        >
          <p>
            A new secret signs every event from now on. Keep the old one working for a while so you can update your
            receiver without rejecting events:
          </p>
          <label className="mt-3 block text-sm">
            <span className="block text-xs font-medium text-slate-600">Old secret keeps signing for</span>
            <select value={overlap} onChange={(e) => setOverlap(e.target.value)} className={inputClass}>
              <option value="0">No time — stop it now</option>
              <option value="1">1 hour</option>
              <option value="24">24 hours</option>
              <option value="72">3 days</option>
            </select>
          </label>
        </ConfirmActionButton>
        <ConfirmActionButton
          size="sm"
          variant="danger"
          label="Remove"
          title="Remove this endpoint?"
          confirmLabel="Remove endpoint"
          action={() => deleteEndpointAction(ref)}
          onDone={() => router.refresh()}
        >
          <p>
            Events stop going to <span className="font-mono break-all">{endpoint.url}</span> and its delivery log is
            deleted.
          </p>
        </ConfirmActionButton>
      </div>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {rotated ? (
        <SecretNotice
          secret={rotated.secret}
          note={
            rotated.until
              ? `Until ${formatDateTime(new Date(rotated.until))} every event carries two signatures, one per secret; either verifies.`
              : "The old secret no longer signs."
          }
        />
      ) : null}
      {editing ? (
        <div className="rounded-md border border-slate-200 p-3">
          <EndpointForm merchantId={merchantId} initial={endpoint} onDone={() => setEditing(false)} />
        </div>
      ) : null}
    </div>
  );
}
