"use client";

import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** A boxed form around a tokenizer iframe: a heading, the frame and its extras, an error, Cancel and a submit button. */
export function TokenizerPanel({
  title,
  children,
  error,
  busy,
  submitLabel,
  busyLabel,
  onCancel,
  onSubmit,
  className = "mt-4",
}: {
  title: ReactNode;
  children: ReactNode;
  error: string | null;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  onCancel: () => void;
  onSubmit: () => void;
  className?: string;
}) {
  return (
    <div className={`${className} rounded-md border border-slate-200 bg-slate-50 p-4`}>
      <h3 className="mb-2 text-sm font-semibold text-slate-900">{title}</h3>
      {children}
      {error ? (
        <div className="mt-3">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : null}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button onClick={onSubmit} disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </Button>
      </div>
    </div>
  );
}
