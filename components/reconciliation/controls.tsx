"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { Field, SelectField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import {
  assignExceptionAction,
  closeBatchAction,
  closeExceptionAction,
  reconcileNowAction,
  updateReconSettingsAction,
} from "@/lib/actions/reconciliation";

type Summary = { deposits: number; reconciled: number; exceptions: number };

export function ReconcileNowButton({ merchantId }: { merchantId: string }) {
  const [state, action, pending] = useActionState<ActionResult<Summary> | null, FormData>(
    (prev, fd) => reconcileNowAction(prev, fd),
    null,
  );
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="merchantId" value={merchantId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Reconciling…" : "Reconcile now"}
      </Button>
      <span role="status" className="text-xs text-slate-500">
        {state?.ok
          ? `${state.data.deposits} deposit${state.data.deposits === 1 ? "" : "s"} checked · ${state.data.exceptions} with exceptions`
          : state?.error}
      </span>
    </form>
  );
}

type CloseResult = {
  closed: { target: string; closed: boolean }[];
  note: string | null;
  batches: { id: string; number: number | null; count: number; captured: string; credits: string; net: string }[];
};

export function CloseBatchButton({ merchantId, family }: { merchantId: string; family: "fluidpay" | "cardpointe" }) {
  const router = useRouter();
  const [result, setResult] = useState<CloseResult | null>(null);
  return (
    <div>
      <ConfirmActionButton
        variant="secondary"
        label="Close batch now"
        title="Close the open batch now?"
        confirmLabel="Close batch"
        action={async () => {
          const r = await closeBatchAction({ merchantId });
          if (r.ok) setResult(r.data);
          return r;
        }}
        onDone={() => router.refresh()}
      >
        {family === "cardpointe"
          ? "Every captured sale and refund in the open batch is sent for settlement now. Nothing in it can be voided afterwards."
          : "Each terminal's open batch is sent for settlement now. Nothing in them can be voided afterwards."}
      </ConfirmActionButton>
      {result && (
        <div role="status" className="mt-2 rounded-md border border-slate-200 bg-white p-3 text-sm">
          {result.batches.length === 0 ? (
            <p>No open batch had anything to close.</p>
          ) : (
            <ul>
              {result.batches.map((b) => (
                <li key={b.id}>
                  Batch {b.number ?? b.id}: {b.count} transaction{b.count === 1 ? "" : "s"} · sales {b.captured} ·
                  refunds {b.credits} · net <strong>{b.net}</strong>
                </li>
              ))}
            </ul>
          )}
          {result.note && <p className="mt-1 text-xs text-slate-500">{result.note}</p>}
        </div>
      )}
    </div>
  );
}

export function ExceptionActions({
  merchantId,
  exceptionId,
  ownerUserId,
  team,
}: {
  merchantId: string;
  exceptionId: string;
  ownerUserId: string | null;
  team: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const noteId = `note-${exceptionId}`;
  const close = (outcome: "resolved" | "ignored") =>
    start(async () => {
      const r = await closeExceptionAction({ merchantId, exceptionId, outcome, note });
      if (!r.ok) return setError(r.fieldErrors?.note?.[0] ?? r.error);
      setError(null);
      router.refresh();
    });
  return (
    <div className="space-y-2">
      <SelectField
        name="ownerUserId"
        id={`owner-${exceptionId}`}
        label="Owner"
        defaultValue={ownerUserId ?? ""}
        disabled={pending}
        onChange={(e) =>
          start(async () => {
            const r = await assignExceptionAction({ merchantId, exceptionId, ownerUserId: e.target.value });
            if (!r.ok) setError(r.error);
            else router.refresh();
          })
        }
      >
        <option value="">Unassigned</option>
        {team.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <Field
        name="note"
        id={noteId}
        label="Note"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        errors={error ? [error] : undefined}
      />
      <div className="flex gap-2">
        <Button type="button" disabled={pending} onClick={() => close("resolved")}>
          Resolve
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => close("ignored")}>
          Ignore
        </Button>
      </div>
    </div>
  );
}

export function ReconSettingsForm({
  merchantId,
  values,
}: {
  merchantId: string;
  values: { fundingGraceDays: number; settleGraceDays: number; autoCloseAt: string | null };
}) {
  const [state, action, pending] = useActionState<ActionResult<unknown, string> | null, FormData>(
    (prev, fd) => updateReconSettingsAction(prev, fd),
    null,
  );
  const errs = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-4 sm:items-end">
      <input type="hidden" name="merchantId" value={merchantId} />
      {(
        [
          ["fundingGraceDays", "Days before an unfunded batch is an exception"],
          ["settleGraceDays", "Days before an unsettled capture is an exception"],
        ] as const
      ).map(([name, label]) => (
        <Field
          key={name}
          name={name}
          label={label}
          type="number"
          min={1}
          max={30}
          defaultValue={values[name]}
          errors={errs?.[name]}
        />
      ))}
      <Field
        name="autoCloseAt"
        label="Close the batch daily at (UTC)"
        placeholder="HH:MM"
        defaultValue={values.autoCloseAt ?? ""}
        errors={errs?.autoCloseAt}
        hint="Empty: the gateway's own schedule."
      />
      <div className="flex items-center gap-2">
        <Button type="submit" disabled={pending}>
          Save settings
        </Button>
        <span role="status" className="text-xs text-slate-500">
          {state?.ok ? "Saved" : state && !state.fieldErrors ? state.error : null}
        </span>
      </div>
    </form>
  );
}
