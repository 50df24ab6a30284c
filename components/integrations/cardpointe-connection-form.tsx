"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { updateCardPointeConnectionAction } from "@/lib/actions/integrations";
import { type ServiceResult, ServiceResults } from "./connection-tests";

/**
 * Switch the CardPointe environment / site / MID or rotate the API credentials. Saved only when the new connection
 * answers the test call; until then the current one keeps working. Secrets are never filled in: an empty password
 * keeps the current one for the same user.
 */
export function CardPointeConnectionForm({
  merchantId,
  initial,
  sandboxAvailable,
}: {
  merchantId: string;
  initial: { environment: string; site: string; merchid: string; username: string };
  sandboxAvailable: boolean;
}) {
  const [state, action, pending] = useActionState<
    ActionResult<{ results: ServiceResult[]; environment: string }> | null,
    FormData
  >(async (_prev, fd) => updateCardPointeConnectionAction(fd), null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" aria-label="CardPointe connection">
      <input type="hidden" name="merchantId" value={merchantId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          name="environment"
          id="cp-environment"
          label="Environment"
          defaultValue={initial.environment}
          errors={errors?.environment}
        >
          {sandboxAvailable ? <option value="sandbox">Sandbox (built-in emulator)</option> : null}
          <option value="uat">UAT (&lt;site&gt;-uat.cardconnect.com)</option>
          <option value="production">Production</option>
        </SelectField>
        <Field name="site" id="cp-site" label="Site" defaultValue={initial.site} required errors={errors?.site} />
        <Field
          name="merchid"
          id="cp-merchid"
          label="MID"
          defaultValue={initial.merchid}
          required
          inputMode="numeric"
          errors={errors?.merchid}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field
          name="username"
          id="cp-username"
          label="API username"
          defaultValue={initial.username}
          required
          autoComplete="off"
          errors={errors?.username}
        />
        <Field
          name="password"
          id="cp-password"
          label="API password"
          type="password"
          autoComplete="new-password"
          errors={errors?.password}
          hint="Leave empty to keep the current one."
        />
        <Field
          name="terminalApiKey"
          id="cp-terminalApiKey"
          label="Terminal API key (optional)"
          type="password"
          autoComplete="off"
          errors={errors?.terminalApiKey}
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Testing and saving…" : "Test and save connection"}
      </Button>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok ? (
        <div className="space-y-2">
          <Alert tone="success">Saved: this merchant now uses {state.data.environment.toUpperCase()}.</Alert>
          <ServiceResults results={state.data.results} />
        </div>
      ) : null}
    </form>
  );
}
