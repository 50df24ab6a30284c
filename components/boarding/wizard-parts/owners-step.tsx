"use client";

import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { OWNER_TITLES } from "@/lib/validations/boarding";
import { emptyOwner, type Values } from "../wizard-state";
import type { StepProps } from "./fields";

export function OwnersStep({ values, setValues, err }: StepProps) {
  const setOwner = (i: number, key: keyof Values["owners"][number], value: string) =>
    setValues((v) => ({ ...v, owners: v.owners.map((o, j) => (j === i ? { ...o, [key]: value } : o)) }));
  return (
    <div className="space-y-6">
      {values.owners.map((o, i) => {
        const n = (k: string) => `owners.${i}.${k}`;
        const f = (k: keyof typeof o, label: string, extra: Partial<React.ComponentProps<typeof Field>> = {}) => (
          <Field
            name={n(k)}
            label={label}
            value={o[k]}
            onChange={(e) => setOwner(i, k, e.target.value)}
            errors={err(n(k))}
            {...extra}
          />
        );
        return (
          <fieldset key={i} className="rounded-md border border-slate-200 p-4">
            <legend className="px-1 text-sm font-medium text-slate-700">
              {i === 0 ? "Principal owner (signs the application)" : `Additional owner ${i}`}
            </legend>
            <div className="grid gap-4 sm:grid-cols-2">
              {f("firstName", "First name")}
              {f("lastName", "Last name")}
              {i === 0 &&
                f("email", "Email", {
                  type: "email",
                  hint: "Receives the signature request and, once live, the portal sign-in link.",
                })}
              {f("phone", "Phone", { placeholder: "###-###-####" })}
              <SelectField
                name={n("title")}
                label="Title"
                value={o.title}
                onChange={(e) => setOwner(i, "title", e.target.value)}
                errors={err(n("title"))}
              >
                {OWNER_TITLES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </SelectField>
              {f("dob", "Date of birth", { placeholder: "MM/DD/YYYY" })}
              {f("ssn", "SSN", {
                placeholder: "###-##-####",
                autoComplete: "off",
                hint: "Sent to CoPilot on submit; the portal keeps only the last four digits.",
              })}
              {f("ownershipPct", "Ownership %", { inputMode: "decimal" })}
            </div>
            {i > 0 && (
              <Button
                variant="ghost"
                size="sm"
                className="mt-3"
                onClick={() => setValues((v) => ({ ...v, owners: v.owners.filter((_, j) => j !== i) }))}
              >
                Remove this owner
              </Button>
            )}
          </fieldset>
        );
      })}
      {values.owners.length < 5 && (
        <Button variant="secondary" onClick={() => setValues((v) => ({ ...v, owners: [...v.owners, emptyOwner()] }))}>
          Add an owner
        </Button>
      )}
    </div>
  );
}
