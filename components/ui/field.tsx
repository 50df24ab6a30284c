import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-500 disabled:bg-slate-50 disabled:text-slate-500";

/** Errors of one field from an action's `fieldErrors`, wired to the input with aria-describedby. */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700">
      {errors[0]}
    </p>
  );
}

interface FieldProps extends Omit<ComponentProps<"input">, "id" | "name"> {
  name: string;
  label: ReactNode;
  errors?: string[];
  hint?: ReactNode;
  /** Defaults to the name (dots replaced, so "billing.city" becomes "billing-city"). */
  id?: string;
  className?: string;
}

export function Field({ name, label, errors, hint, id, className = "", ...input }: FieldProps) {
  const inputId = id ?? name.replace(/\./g, "-");
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const describedBy = [errors?.length ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className={cn("mt-1", inputClass)}
        {...input}
      />
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  errors,
  id,
  className = "",
  children,
  ...select
}: Omit<ComponentProps<"select">, "id" | "name"> & {
  name: string;
  label: ReactNode;
  errors?: string[];
  id?: string;
}) {
  const selectId = id ?? name.replace(/\./g, "-");
  const errorId = `${selectId}-error`;
  return (
    <div className={className}>
      <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={selectId}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        className={cn("mt-1", inputClass)}
        {...select}
      >
        {children}
      </select>
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

/** A small labelled input for a filter row (dates, an id): the label's words above the input. */
export function CompactInput({ label, ...input }: ComponentProps<"input"> & { label: ReactNode }) {
  return (
    <label className="text-xs text-slate-500">
      {label}
      <input className="mt-0.5 block rounded-md border border-slate-300 px-2 py-1" {...input} />
    </label>
  );
}
