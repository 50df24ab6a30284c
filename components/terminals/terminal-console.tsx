"use client";

import { useQuery } from "@tanstack/react-query";
import { useActionState, useState, useTransition } from "react";
import { QueryProvider } from "@/components/providers/query-provider";
import type { ActionResult } from "@/lib/action-result";
import { cancelTerminalRunAction, captureSignatureAction, runTerminalAction } from "@/lib/actions/terminals";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { brandLabel } from "@/components/transactions/format";
import { formatMoney } from "@/lib/money";
import type { TerminalRunView } from "@/lib/services/terminals/run";
import { cn } from "@/components/ui/cn";

export interface TerminalOption {
  id: string;
  label: string;
  active: boolean;
}

const FINAL = new Set(["approved", "declined", "error"]);

interface ConsoleProps {
  merchantId: string;
  terminals: TerminalOption[];
  /** The device prompts this gateway documents: a tip prompt and a signature after the sale (CardPointe). */
  deviceTools?: boolean;
}

/** The action answered "another register holds this terminal" (a conflict on `force`): ask before taking it over. */
function inUse(r: ActionResult<unknown> | null): string | null {
  return r && !r.ok && r.code === "conflict" && r.fieldErrors?.force?.[0] ? r.fieldErrors.force[0] : null;
}

export function TerminalConsole(props: ConsoleProps) {
  return (
    <QueryProvider>
      <Console {...props} />
    </QueryProvider>
  );
}

function Console({ merchantId, terminals, deviceTools = false }: ConsoleProps) {
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const [run, setRun] = useState<(TerminalRunView & { terminalId: string }) | null>(null);
  // The form as submitted when another register held the terminal: sent again with force only if the user agrees.
  const [held, setHeld] = useState<FormData | null>(null);
  const [state, formAction, pending] = useActionState<ActionResult<TerminalRunView> | null, FormData>(
    async (_prev, fd) => {
      const result = await runTerminalAction(fd);
      if (result.ok) {
        setHeld(null);
        setRun({ ...result.data, terminalId: String(fd.get("terminalId") ?? "") });
      } else if (inUse(result)) setHeld(fd);
      return result;
    },
    null,
  );
  const [submitting, startSubmit] = useTransition();
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const input = "mt-1 w-full rounded-md border bg-white px-3 py-2 text-sm";
  const err = (name: string) =>
    errors?.[name]?.[0] ? (
      <p id={`run-${name}-error`} className="mt-1 text-sm text-red-700">
        {errors[name]?.[0]}
      </p>
    ) : null;

  if (run) {
    return (
      <RunProgress
        merchantId={merchantId}
        terminalId={run.terminalId}
        deviceTools={deviceTools}
        initial={run}
        onDone={() => {
          setRun(null);
          setIntentId(crypto.randomUUID());
        }}
      />
    );
  }

  return (
    <form
      // Submitted by hand, not through `action`: React resets a form after its action, and a refused run (terminal in
      // use, a field error) must keep what the user entered for the retry.
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        startSubmit(() => formAction(fd));
      }}
      className="space-y-4"
      aria-label="Run a terminal transaction"
      noValidate
    >
      <input type="hidden" name="merchantId" value={merchantId} />
      <input type="hidden" name="intentId" value={intentId} />
      {state && !state.ok && !inUse(state) && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <TakeOverDialog
        message={held ? inUse(state) : null}
        busy={submitting}
        onCancel={() => setHeld(null)}
        onConfirm={() =>
          startSubmit(() => {
            if (!held) return;
            const again = new FormData();
            held.forEach((v, k) => again.append(k, v));
            again.set("force", "true");
            formAction(again);
          })
        }
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <label htmlFor="run-terminalId" className="block text-sm font-medium text-slate-800">
            Terminal
          </label>
          <select
            id="run-terminalId"
            name="terminalId"
            className={cn(input, "border-slate-300")}
            aria-describedby={errors?.terminalId ? "run-terminalId-error" : undefined}
            defaultValue={terminals.find((t) => t.active)?.id ?? ""}
          >
            {terminals.map((t) => (
              <option key={t.id} value={t.id} disabled={!t.active}>
                {t.label}
                {t.active ? "" : " (inactive)"}
              </option>
            ))}
          </select>
          {err("terminalId")}
        </div>
        <fieldset>
          <legend className="block text-sm font-medium text-slate-800">Type</legend>
          <div className="mt-2 flex gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="type" value="sale" defaultChecked /> Sale
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="type" value="authorize" /> Authorization only
            </label>
          </div>
        </fieldset>
        <div>
          <label htmlFor="run-amount" className="block text-sm font-medium text-slate-800">
            Amount
          </label>
          <input
            id="run-amount"
            name="amount"
            inputMode="decimal"
            placeholder="0.00"
            aria-invalid={errors?.amount ? true : undefined}
            aria-describedby={errors?.amount ? "run-amount-error" : undefined}
            className={cn(input, "tabular-nums", errors?.amount ? "border-red-500" : "border-slate-300")}
          />
          {err("amount")}
        </div>
        <div>
          <label htmlFor="run-orderId" className="block text-sm font-medium text-slate-800">
            Order id <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <input
            id="run-orderId"
            name="orderId"
            aria-describedby={errors?.orderId ? "run-orderId-error" : undefined}
            className={cn(input, errors?.orderId ? "border-red-500" : "border-slate-300")}
          />
          {err("orderId")}
        </div>
        <div>
          <label htmlFor="run-description" className="block text-sm font-medium text-slate-800">
            Description <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <input
            id="run-description"
            name="description"
            aria-describedby={errors?.description ? "run-description-error" : undefined}
            className={cn(input, "border-slate-300")}
          />
          {err("description")}
        </div>
        <fieldset className="sm:col-span-2">
          <legend className="block text-sm font-medium text-slate-800">On the device</legend>
          <div className="mt-2 flex flex-wrap gap-4 text-sm">
            {deviceTools && (
              <label className="flex items-center gap-2">
                <input type="checkbox" name="tipPrompt" value="true" /> Ask for a tip first
              </label>
            )}
            <label className="flex items-center gap-2">
              <input type="checkbox" name="signature" value="true" /> Ask the customer to sign
            </label>
          </div>
        </fieldset>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Sending to terminal…" : "Send to terminal"}
      </button>
    </form>
  );
}

const STEPS = [
  { key: "waiting", label: "Waiting for card" },
  { key: "processing", label: "Processing" },
  { key: "done", label: "Result" },
] as const;

/** "Another register is using this terminal": take it over (force) only when the user says so. */
function TakeOverDialog({
  message,
  busy,
  onConfirm,
  onCancel,
}: {
  message: string | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <ConfirmDialog
      open={message !== null}
      title="This terminal is in use by another register"
      confirmLabel="Take over the terminal"
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {message}
    </ConfirmDialog>
  );
}

function RunProgress({
  merchantId,
  terminalId,
  deviceTools,
  initial,
  onDone,
}: {
  merchantId: string;
  terminalId: string;
  deviceTools: boolean;
  initial: TerminalRunView;
  onDone: () => void;
}) {
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState<TerminalRunView | null>(null);
  const [cancelling, startCancel] = useTransition();
  const [signed, setSigned] = useState<TerminalRunView["transaction"]>(null);
  const [signState, setSignState] = useState<ActionResult<unknown> | null>(null);
  const [signing, startSign] = useTransition();
  const askSignature = (force: boolean) =>
    startSign(async () => {
      if (!t) return;
      const r = await captureSignatureAction({ merchantId, transactionId: t.id, terminalId, force });
      setSignState(r);
      if (r.ok) setSigned(r.data.transaction);
    });
  const query = useQuery({
    queryKey: ["terminal-run", merchantId, initial.runId],
    queryFn: async (): Promise<TerminalRunView> => {
      const res = await fetch(`/api/m/${merchantId}/terminal-runs/${encodeURIComponent(initial.runId)}`, {
        cache: "no-store",
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { message?: string };
        throw new Error(body.message ?? "Could not reach the terminal service.");
      }
      return res.json();
    },
    initialData: initial,
    refetchInterval: (q) => (q.state.data && FINAL.has(q.state.data.state) ? false : 1000),
    enabled: !cancelled,
  });
  const run = cancelled ?? query.data;
  const final = FINAL.has(run.state);
  const stepIndex = final ? 2 : run.state === "processing" ? 1 : 0;
  const t = signed ?? run.transaction;
  const pm = t?.paymentMethod;
  // The server sends the signature as an image data: URL (lib/signature-image), never raw gateway bytes.
  const signature = pm && pm.kind === "terminal" && pm.signature?.startsWith("data:image/") ? pm.signature : null;

  const outcome =
    run.state === "approved"
      ? cancelled
        ? { title: "Cancelled", tone: "bg-slate-100 text-slate-800", text: run.message ?? "The approval was voided." }
        : { title: "Approved", tone: "bg-emerald-50 text-emerald-900", text: run.message }
      : run.state === "declined"
        ? { title: "Declined", tone: "bg-red-50 text-red-900", text: run.message }
        : run.state === "error"
          ? { title: "Terminal error", tone: "bg-red-50 text-red-900", text: run.message }
          : null;

  return (
    <div className="space-y-5" aria-live="polite">
      <ol className="flex items-center gap-2" aria-label="Progress">
        {STEPS.map((s, i) => (
          <li key={s.key} className="flex items-center gap-2">
            <span
              aria-current={i === stepIndex ? "step" : undefined}
              className={cn(
                "flex h-7 items-center rounded-full px-3 text-xs font-medium",
                i < stepIndex
                  ? "bg-brand-100 text-brand-700"
                  : i === stepIndex
                    ? final
                      ? run.state === "approved" && !cancelled
                        ? "bg-emerald-600 text-white"
                        : "bg-red-600 text-white"
                      : "bg-brand-600 text-white"
                    : "bg-slate-100 text-slate-500",
              )}
            >
              {i === 2 && final && outcome ? outcome.title : s.label}
            </span>
            {i < STEPS.length - 1 && <span aria-hidden className="h-px w-6 bg-slate-300" />}
          </li>
        ))}
      </ol>

      {!final && (
        <div role="status" className="flex items-center gap-3 rounded-md bg-brand-50 px-4 py-3 text-sm text-brand-700">
          <span aria-hidden className="h-3 w-3 animate-pulse rounded-full bg-brand-500" />
          {run.state === "waiting"
            ? "Waiting for the customer to tap, insert or swipe their card…"
            : "The terminal is processing the card…"}
        </div>
      )}
      {query.isError && !final && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {(query.error as Error).message} Retrying…
        </p>
      )}

      {outcome && (
        <div
          role="status"
          data-run-state={cancelled ? "cancelled" : run.state}
          className={cn("rounded-md px-4 py-3", outcome.tone)}
        >
          <p className="text-lg font-semibold">{outcome.title}</p>
          {outcome.text && outcome.text.toLowerCase() !== outcome.title.toLowerCase() && (
            <p className="text-sm">{outcome.text}</p>
          )}
        </div>
      )}

      {t && (
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-500">Amount</dt>
            <dd className="font-medium tabular-nums">{formatMoney(t.amount, t.currency)}</dd>
          </div>
          {t.tipAmount > 0 && (
            <div>
              <dt className="text-slate-500">Tip on device</dt>
              <dd className="font-medium tabular-nums">{formatMoney(t.tipAmount, t.currency)}</dd>
            </div>
          )}
          {pm && pm.kind === "terminal" && pm.lastFour && (
            <div>
              <dt className="text-slate-500">Card</dt>
              <dd className="font-medium">
                {brandLabel(pm.brand)} •••• {pm.lastFour}
                {pm.entryType ? ` (${pm.entryType})` : ""}
              </dd>
            </div>
          )}
          <div>
            <dt className="text-slate-500">Transaction</dt>
            <dd>
              <a
                href={`/m/${merchantId}/transactions/${encodeURIComponent(t.id)}`}
                className="font-mono text-xs text-brand-700 hover:underline"
              >
                {t.id}
              </a>
            </dd>
          </div>
        </dl>
      )}

      {signature && (
        <figure>
          <figcaption className="text-sm text-slate-500">Signature captured on the terminal</figcaption>
          {/* biome-ignore lint: data URL of the captured signature */}
          <img
            src={signature}
            alt="Customer signature"
            className="mt-1 h-24 rounded border border-slate-200 bg-white"
          />
        </figure>
      )}

      <TakeOverDialog
        message={inUse(signState)}
        busy={signing}
        onCancel={() => setSignState(null)}
        onConfirm={() => askSignature(true)}
      />
      {signState && !signState.ok && !inUse(signState) && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {signState.error}
        </p>
      )}
      {signState?.ok && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Signature captured and attached to the transaction.
        </p>
      )}

      {cancelError && !final && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {cancelError}
        </p>
      )}

      <div className="flex gap-2">
        {!final && !cancelled && (
          <button
            type="button"
            disabled={cancelling}
            onClick={() =>
              startCancel(async () => {
                const r = await cancelTerminalRunAction({ merchantId, runId: initial.runId, terminalId });
                if (r.ok) setCancelled(r.data);
                else setCancelError(r.error);
              })
            }
            className="rounded-md border border-red-200 bg-white px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
          >
            {cancelling ? "Cancelling…" : "Cancel"}
          </button>
        )}
        {final && deviceTools && run.state === "approved" && !cancelled && t && !signature && (
          <button
            type="button"
            disabled={signing}
            onClick={() => askSignature(false)}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60"
          >
            {signing ? "Waiting for the signature…" : "Ask for a signature"}
          </button>
        )}
        {final && (
          <button
            type="button"
            onClick={onDone}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            New terminal transaction
          </button>
        )}
      </div>
    </div>
  );
}
