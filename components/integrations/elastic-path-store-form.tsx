"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { connectElasticPathStoreAction, testElasticPathStoreAction } from "@/lib/actions/elastic-path";
import { CredentialField, EnvironmentField } from "./connection-tests";

/** Connect an Elastic Path store, or rotate its token (`storeId` set): saved only once the token tests OK. */
export function ElasticPathStoreForm({
  merchantId,
  storeId,
  initial,
  sandboxAvailable,
}: {
  merchantId: string;
  storeId?: string;
  initial?: { name: string; environment: string; apiBase: string; clientId: string };
  sandboxAvailable: boolean;
}) {
  // Several of these forms share the page (one per store and one for a new store): ids must differ.
  const idp = `ep-${storeId ?? "new"}`;
  return (
    <ActionForm
      action={connectElasticPathStoreAction}
      label={storeId ? "Rotate Elastic Path token" : "Connect an Elastic Path store"}
      hidden={{ merchantId, storeId }}
      submit={storeId ? "Test and rotate" : "Test and connect"}
      pendingLabel="Testing…"
      success={(data) => <Alert tone="success">{data.answer}</Alert>}
    >
      {(errors) => (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field
              name="name"
              id={`${idp}-name`}
              label="Store name"
              defaultValue={initial?.name ?? ""}
              required
              errors={errors?.name}
            />
            <EnvironmentField
              id={`${idp}-environment`}
              defaultValue={initial?.environment ?? (sandboxAvailable ? "sandbox" : "production")}
              sandboxAvailable={sandboxAvailable}
              errors={errors?.environment}
            />
            <Field
              name="apiBase"
              id={`${idp}-apiBase`}
              label="API host (production)"
              defaultValue={initial?.apiBase ?? ""}
              placeholder="https://useast.api.elasticpath.com"
              errors={errors?.apiBase}
            />
            <Field
              name="clientId"
              id={`${idp}-clientId`}
              label="Client id"
              defaultValue={initial?.clientId ?? ""}
              required
              autoComplete="off"
              errors={errors?.clientId}
            />
          </div>
          <CredentialField
            name="accessToken"
            id={`${idp}-accessToken`}
            label={storeId ? "New access token" : "Access token"}
            required
            errors={errors?.accessToken}
            hint="The Bearer token the store's API accepts. Stored encrypted; only its last four characters are shown."
          />
        </>
      )}
    </ActionForm>
  );
}

export function ElasticPathStoreTest({ merchantId, storeId }: { merchantId: string; storeId: string }) {
  const [state, action, pending] = useActionState<ActionResult<{ ok: boolean; answer: string }> | null, FormData>(
    async (_prev, fd) => testElasticPathStoreAction(fd),
    null,
  );
  return (
    <form action={action} className="inline-flex items-center gap-2" aria-label="Test Elastic Path store">
      <input type="hidden" name="merchantId" value={merchantId} />
      <input type="hidden" name="storeId" value={storeId} />
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        {pending ? "Testing…" : "Test connection"}
      </Button>
      {state && !state.ok ? <span className="text-sm text-red-700">{state.error}</span> : null}
      {state?.ok ? (
        <span role="status" className={`text-sm ${state.data.ok ? "text-emerald-700" : "text-red-700"}`}>
          {state.data.answer}
        </span>
      ) : null}
    </form>
  );
}
