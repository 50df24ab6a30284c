"use client";

import { ActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { updateFluidPayKeysAction, updateGiftCardStoreAction } from "@/lib/actions/integrations";
import { CredentialField, EnvironmentField, ServiceResults } from "./connection-tests";

/** Gateway API keys (FluidPay family): saved only once they answer; empty keeps the stored key. */
export function FluidPayKeysForm({
  merchantId,
  environment,
  sandboxAvailable,
}: {
  merchantId: string;
  environment: string;
  sandboxAvailable: boolean;
}) {
  return (
    <ActionForm
      action={updateFluidPayKeysAction}
      label="Gateway API keys"
      hidden={{ merchantId }}
      submit="Test and save keys"
      pendingLabel="Testing and saving…"
      success={(data) => <ServiceResults results={data.results} />}
    >
      {(errors) => (
        <div className="grid gap-3 sm:grid-cols-3">
          <EnvironmentField
            id="fp-environment"
            defaultValue={environment === "uat" ? "production" : environment}
            sandboxAvailable={sandboxAvailable}
            errors={errors?.environment}
          />
          <CredentialField name="apiKey" id="fp-apiKey" label="Private API key (api_…)" keep errors={errors?.apiKey} />
          <CredentialField name="publicKey" id="fp-publicKey" label="Public key (pub_…)" errors={errors?.publicKey} />
        </div>
      )}
    </ActionForm>
  );
}

/** The POSPointe gift-card store: saved only once PUT /Auth/verify answers for it. */
export function GiftCardStoreForm({
  merchantId,
  initial,
}: {
  merchantId: string;
  initial: { username: string; franchiseeId: string; storeId: string };
}) {
  return (
    <ActionForm
      action={updateGiftCardStoreAction}
      label="POSPointe store"
      hidden={{ merchantId }}
      submit="Verify and save store"
      pendingLabel="Verifying…"
      success={(data) => <ServiceResults results={data.results} />}
    >
      {(errors) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            name="username"
            id="gc-username"
            label="API username"
            defaultValue={initial.username}
            required
            autoComplete="off"
            errors={errors?.username}
          />
          <CredentialField name="password" id="gc-password" label="API password" keep errors={errors?.password} />
          <Field
            name="franchiseeId"
            id="gc-franchiseeId"
            label="Franchisee id"
            defaultValue={initial.franchiseeId}
            required
            errors={errors?.franchiseeId}
          />
          <Field
            name="storeId"
            id="gc-storeId"
            label="Store id"
            defaultValue={initial.storeId}
            required
            errors={errors?.storeId}
          />
        </div>
      )}
    </ActionForm>
  );
}
