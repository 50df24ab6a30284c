"use client";

import { type ComponentProps, type ReactNode, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Button } from "./button";
import { ConfirmDialog } from "./confirm-dialog";

/**
 * A button that asks first (ConfirmDialog), then runs one server action: the dialog stays open and busy while it
 * runs, shows the action's error if it fails, and closes and calls `onDone` when it succeeds.
 */
export function ConfirmActionButton({
  label,
  title,
  confirmLabel,
  children,
  action,
  onDone,
  ...button
}: Omit<ComponentProps<typeof Button>, "onClick" | "children" | "title"> & {
  label: ReactNode;
  title: ReactNode;
  confirmLabel: string;
  /** What confirming does, in the dialog's body. */
  children?: ReactNode;
  action: () => Promise<ActionResult<unknown>>;
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <>
      <Button {...button} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <ConfirmDialog
        open={open}
        title={title}
        confirmLabel={confirmLabel}
        busy={pending}
        error={error}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
        onConfirm={() =>
          start(async () => {
            const r = await action();
            if (!r.ok) return setError(r.error);
            setOpen(false);
            onDone();
          })
        }
      >
        {children}
      </ConfirmDialog>
    </>
  );
}
