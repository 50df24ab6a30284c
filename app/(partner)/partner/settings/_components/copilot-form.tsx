"use client";

import { useRouter } from "next/navigation";
import { type ComponentProps, useActionState, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { saveCopilotCredentialsAction, testCopilotConnectionAction } from "@/lib/actions/partners";
import type { ActionResult } from "@/lib/action-result";
import type { CopilotSettingsView } from "@/lib/services/partners/copilot-settings";

type SaveResult = ActionResult<{ configured: boolean; username: string | null }> | null;

/** Enter or replace the API user; secrets are write-only (blank keeps the stored value). */
export function CopilotCredentialsForm({ partnerId, view }: { partnerId: string; view: CopilotSettingsView }) {
  const router = useRouter();
  const [state, action, saving] = useActionState<SaveResult, FormData>(async (prev, fd) => {
    const r = (await saveCopilotCredentialsAction(prev, fd)) as SaveResult;
    if (r?.ok) router.refresh();
    return r;
  }, null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [testing, start] = useTransition();
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  // Secrets are write-only: never filled in, a blank one keeps the stored value.
  const secret = { type: "password", autoComplete: "new-password" } as const;
  const fields: (ComponentProps<typeof Field> & { name: string })[] = [
    { name: "username", label: "API username", autoComplete: "off", defaultValue: view.username ?? "" },
    {
      name: "password",
      label: "API password",
      ...secret,
      placeholder: view.passwordSet ? "Leave blank to keep the stored password" : "",
    },
    { name: "clientId", label: "Client id", autoComplete: "off", defaultValue: view.clientId ?? "merchapi" },
    {
      name: "clientSecret",
      label: "Client secret",
      ...secret,
      placeholder: view.configured ? "Leave blank to keep the stored secret" : "",
    },
    {
      name: "templateId",
      label: "Template id",
      inputMode: "numeric",
      defaultValue: view.templateId ?? "",
      hint: "The CoPilot merchant template new applications start from.",
    },
  ];

  return (
    <div className="space-y-5">
      <dl className="grid gap-3 rounded-md bg-slate-50 px-4 py-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs text-slate-500">Status</dt>
          <dd className="font-medium text-slate-900">{view.configured ? "Configured" : "Not configured"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Client secret</dt>
          <dd className="font-mono text-slate-900" data-testid="secret-masked">
            {view.clientSecretMasked ?? "—"}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Password</dt>
          <dd className="text-slate-900">{view.passwordSet ? "Stored (hidden)" : "—"}</dd>
        </div>
      </dl>

      <form action={action} noValidate className="space-y-4">
        <input type="hidden" name="partnerId" value={partnerId} />
        {state?.ok ? <Alert tone="success">Credentials saved. Use “Test connection” to check them.</Alert> : null}
        {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
        <SelectField
          name="environment"
          label="CoPilot environment"
          defaultValue={view.environment}
          errors={errors?.environment}
          className="max-w-sm"
        >
          {view.environments.map((e) => (
            <option key={e} value={e}>
              {e === "sandbox"
                ? "Sandbox (built-in emulator)"
                : e === "uat"
                  ? "UAT (api-uat.cardconnect.com)"
                  : "Production (api.cardconnect.com)"}
            </option>
          ))}
        </SelectField>
        <div className="grid gap-4 sm:grid-cols-2">
          {fields.map(({ name, ...field }) => (
            <Field key={name} name={name} errors={errors?.[name]} {...field} />
          ))}
        </div>
        <div className="flex flex-wrap items-center justify-end gap-2">
          <Button
            variant="secondary"
            disabled={!view.configured || testing}
            onClick={() =>
              start(async () => {
                setTest(null);
                const r = await testCopilotConnectionAction({ partnerId });
                setTest(
                  r.ok
                    ? {
                        ok: true,
                        message: `Connected as ${r.data.username}: CoPilot issued a token valid for ${r.data.expiresInSeconds} seconds.`,
                      }
                    : { ok: false, message: r.error },
                );
              })
            }
          >
            {testing ? "Testing…" : "Test connection"}
          </Button>
          <Button type="submit" disabled={saving}>
            {saving ? "Saving…" : view.configured ? "Replace credentials" : "Save credentials"}
          </Button>
        </div>
        {test ? (
          <Alert tone={test.ok ? "success" : "error"} title={test.ok ? "Connection works" : undefined}>
            {test.message}
          </Alert>
        ) : null}
      </form>
    </div>
  );
}
