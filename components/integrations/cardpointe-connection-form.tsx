"use client";

import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { updateCardPointeConnectionAction } from "@/lib/actions/integrations";
import { CredentialField, EnvironmentField, ServiceResults } from "./connection-tests";

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
  return (
    <ActionForm
      action={updateCardPointeConnectionAction}
      label="CardPointe connection"
      hidden={{ merchantId }}
      submit="Test and save connection"
      pendingLabel="Testing and saving…"
      success={(data) => (
        <div className="space-y-2">
          <Alert tone="success">Saved: this merchant now uses {data.environment.toUpperCase()}.</Alert>
          <ServiceResults results={data.results} />
        </div>
      )}
    >
      {(errors) => (
        <>
          <div className="grid gap-3 sm:grid-cols-3">
            <EnvironmentField
              id="cp-environment"
              defaultValue={initial.environment}
              sandboxAvailable={sandboxAvailable}
              errors={errors?.environment}
            >
              <option value="uat">UAT (&lt;site&gt;-uat.cardconnect.com)</option>
            </EnvironmentField>
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
            <CredentialField name="password" id="cp-password" label="API password" keep errors={errors?.password} />
            <CredentialField
              name="terminalApiKey"
              id="cp-terminalApiKey"
              label="Terminal API key (optional)"
              errors={errors?.terminalApiKey}
            />
          </div>
        </>
      )}
    </ActionForm>
  );
}
