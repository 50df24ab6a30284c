"use client";

import type { ReactNode } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Field, SelectField } from "@/components/ui/field";
import { testConnectionsAction } from "@/lib/actions/integrations";

export interface ServiceResult {
  service: string;
  ok: boolean;
  call: string;
  answer: string;
}

/** The answers of one "test connection" round, one line per service. */
export function ServiceResults({ results }: { results: ServiceResult[] }) {
  return (
    <ul className="space-y-2" aria-label="Connection test results">
      {results.map((r) => (
        <li key={r.service} className="rounded-md border border-slate-200 px-3 py-2 text-sm">
          <span className={r.ok ? "font-medium text-emerald-700" : "font-medium text-red-700"}>
            {r.ok ? "✓" : "✗"} {r.service}
          </span>{" "}
          — {r.answer}
          <div className="mt-0.5 break-all font-mono text-xs text-slate-500">{r.call}</div>
        </li>
      ))}
    </ul>
  );
}

/** A provider's environment: the built-in emulator where this install has one, any others given, then production. */
export function EnvironmentField({
  id,
  defaultValue,
  sandboxAvailable,
  errors,
  children,
}: {
  id: string;
  defaultValue: string;
  sandboxAvailable: boolean;
  errors?: string[];
  children?: ReactNode;
}) {
  return (
    <SelectField name="environment" id={id} label="Environment" defaultValue={defaultValue} errors={errors}>
      {sandboxAvailable ? <option value="sandbox">Sandbox (built-in emulator)</option> : null}
      {children}
      <option value="production">Production</option>
    </SelectField>
  );
}

/** A secret (password, key, token): never filled in; `keep` says an empty one keeps the stored value. */
export function CredentialField({
  keep,
  hint,
  ...field
}: {
  name: string;
  id: string;
  label: string;
  errors?: string[];
  keep?: boolean;
  required?: boolean;
  hint?: string;
}) {
  return (
    <Field
      type="password"
      autoComplete={field.name === "password" ? "new-password" : "off"}
      hint={keep ? "Leave empty to keep the current one." : hint}
      {...field}
    />
  );
}

/** "Test connection": one harmless documented call per service the merchant is connected to. */
export function ConnectionTests({ merchantId }: { merchantId: string }) {
  return (
    <ActionForm
      action={testConnectionsAction}
      label="Test connections"
      hidden={{ merchantId }}
      variant="secondary"
      submit="Test connection"
      pendingLabel="Testing…"
      success={(data) => <ServiceResults results={data.results} />}
    />
  );
}
