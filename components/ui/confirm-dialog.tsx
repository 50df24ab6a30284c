"use client";

import { type ReactNode, type TransitionStartFunction, useEffect, useId, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Button } from "./button";

/**
 * A modal confirmation for destructive actions (native <dialog>: focus trap, Escape to cancel).
 * `onConfirm` runs the action; the dialog stays open with `busy` while it does.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
      aria-labelledby={titleId}
      className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="p-5">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {children ? <div className="mt-2 text-sm text-slate-600">{children}</div> : null}
        {error ? (
          <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </div>
      <div className="flex justify-end gap-2 rounded-b-lg bg-slate-50 px-5 py-3">
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button variant="danger" onClick={onConfirm} disabled={busy}>
          {busy ? "Working…" : confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}

/**
 * Several confirmations on one panel, one open at a time: which is open, the error of the action it runs, a
 * transition for running it, and `dialog(kind)`: the open, busy, error and cancel props of that kind's ConfirmDialog.
 */
export function useConfirmDialogs<K extends string>() {
  const [open, setOpen] = useState<K | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return {
    open,
    setOpen,
    error,
    setError,
    pending,
    start,
    dialog(kind: K, onCancel: () => void = () => setOpen(null)) {
      return { open: open === kind, busy: pending, error: open === kind ? error : null, onCancel };
    },
  };
}

/**
 * Removing one item of a list behind a confirmation (this address, this card): a button with `buttonFor(item)` opens
 * the dialog, and `dialog` holds its open, error, cancel and confirm props. Confirming runs `remove` in the caller's transition (so
 * its busy state covers the list's other buttons too), keeps the dialog open with the error if it fails, closes it
 * and calls `onRemoved` if it succeeds.
 */
export function useRemoval<T>(
  start: TransitionStartFunction,
  remove: (item: T) => Promise<ActionResult<unknown>>,
  onRemoved: (item: T) => void,
) {
  const [item, setItem] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  return {
    item,
    /** The props of a row's remove button (a quiet red one) that asks about `row`. */
    buttonFor(row: T) {
      return {
        size: "sm",
        variant: "ghost",
        className: "text-red-700 hover:bg-red-50",
        onClick: () => {
          setItem(row);
          setError(null);
        },
      } as const;
    },
    dialog: {
      open: item !== null,
      error,
      onCancel: () => setItem(null),
      onConfirm() {
        if (item === null) return;
        setError(null);
        start(async () => {
          const r = await remove(item);
          if (!r.ok) return setError(r.error);
          setItem(null);
          onRemoved(item);
        });
      },
    },
  };
}
