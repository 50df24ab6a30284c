"use client";

import type { ComponentProps, Dispatch, SetStateAction } from "react";
import { Field, SelectField } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/action-result";
import type { Values } from "../wizard-state";

export interface CatalogItem {
  equipmentId: number;
  equipmentName: string;
  make: string | null;
  equipmentTypeCd: string | null;
  defaultPrice: number | null;
}

/** What each step of the boarding wizard gets from the wizard that owns the values. */
export interface StepProps {
  values: Values;
  set: (name: keyof Values, value: string) => void;
  setValues: Dispatch<SetStateAction<Values>>;
  err: (name: string) => FieldErrors[string] | undefined;
}

export type TopLevel = { [K in keyof Values]: Values[K] extends string ? K : never }[keyof Values];

/** A text field bound to one top-level value, with its errors. */
export function Text({
  p,
  name,
  label,
  ...extra
}: { p: StepProps; name: TopLevel; label: string } & Partial<ComponentProps<typeof Field>>) {
  return (
    <Field
      name={name}
      label={label}
      value={p.values[name]}
      onChange={(e) => p.set(name, e.target.value)}
      errors={p.err(name)}
      {...extra}
    />
  );
}

/** A select bound to one top-level value; options are value → label, or a list whose values are their labels. */
export function Choice({
  p,
  name,
  label,
  options,
  placeholder,
}: {
  p: StepProps;
  name: TopLevel;
  label: string;
  options: Readonly<Record<string, string>> | readonly string[];
  placeholder?: string;
}) {
  const entries = Array.isArray(options)
    ? (options as readonly string[]).map((o) => [o, o] as const)
    : Object.entries(options as Record<string, string>);
  return (
    <SelectField
      name={name}
      label={label}
      value={p.values[name]}
      onChange={(e) => p.set(name, e.target.value)}
      errors={p.err(name)}
    >
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {entries.map(([k, v]) => (
        <option key={k} value={k}>
          {v}
        </option>
      ))}
    </SelectField>
  );
}
