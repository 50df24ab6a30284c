import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import { cn } from "./cn";

const TONES = {
  error: "border-red-200 bg-red-50 text-red-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  info: "border-sky-200 bg-sky-50 text-sky-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
};

export function Alert({
  tone = "info",
  title,
  children,
  role,
}: {
  tone?: keyof typeof TONES;
  title?: ReactNode;
  children?: ReactNode;
  role?: "alert" | "status";
}) {
  return (
    <div
      role={role ?? (tone === "error" ? "alert" : "status")}
      className={cn("rounded-md border px-4 py-3 text-sm", TONES[tone])}
    >
      {title ? <p className="font-medium">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : ""}>{children}</div> : null}
    </div>
  );
}

/** A failed action's message as an alert — unless it failed on fields, which show beside their inputs. */
export function ActionError({ state }: { state: ActionResult<unknown> | null | undefined }) {
  if (!state || state.ok || state.fieldErrors) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {state.error}
    </p>
  );
}

/** What the last action on a panel did: its success notice and its error, each on its own line above the panel. */
export function PanelNotices({ notice, error }: { notice: string | null; error: string | null }) {
  return (
    <>
      {notice ? (
        <div className="mb-3">
          <Alert tone="success">{notice}</Alert>
        </div>
      ) : null}
      {error ? (
        <div className="mb-3">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : null}
    </>
  );
}
