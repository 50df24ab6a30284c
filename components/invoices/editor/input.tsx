"use client";

import type { ComponentProps } from "react";
import { cn } from "@/components/ui/cn";
import { FieldError, inputClass } from "@/components/ui/field";
import type { InvoiceDraft } from "@/lib/validations/invoices";

/** What every part of the invoice editor gets: the draft, a setter, and the action's errors by field path. */
export interface EditorPart {
  d: InvoiceDraft;
  set: <K extends keyof InvoiceDraft>(k: K, v: InvoiceDraft[K]) => void;
  errors: (path: string) => string[] | undefined;
}

/** A controlled input with its label and error, wired for screen readers. */
export function Input({
  id,
  label,
  value,
  onChange,
  errors,
  className = "",
  ...rest
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  errors?: string[];
  className?: string;
} & Omit<ComponentProps<"input">, "id" | "value" | "onChange">) {
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        className={cn("mt-1", inputClass)}
        {...rest}
      />
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

type TextKey = { [K in keyof InvoiceDraft]: InvoiceDraft[K] extends string ? K : never }[keyof InvoiceDraft];

/** An input bound to one text field of the draft: id, value, setter and errors all come from its key. */
export function DraftInput({
  editor,
  k,
  ...rest
}: { editor: EditorPart; k: TextKey; label: string } & Omit<
  ComponentProps<typeof Input>,
  "id" | "value" | "onChange" | "errors"
>) {
  return <Input id={k} value={editor.d[k]} onChange={(v) => editor.set(k, v)} errors={editor.errors(k)} {...rest} />;
}
