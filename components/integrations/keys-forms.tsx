"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { updateFluidPayKeysAction, updateGiftCardStoreAction } from "@/lib/actions/integrations";
import { type ServiceResult, ServiceResults } from "./connection-tests";

type Result = ActionResult<{ results: ServiceResult[] }> | null;

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
  const [state, action, pending] = useActionState<Result, FormData>(
    async (_prev, fd) => updateFluidPayKeysAction(fd),
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" aria-label="Gateway API keys">
      <input type="hidden" name="merchantId" value={merchantId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          name="environment"
          id="fp-environment"
          label="Environment"
          defaultValue={environment === "uat" ? "production" : environment}
          errors={errors?.environment}
        >
          {sandboxAvailable ? <option value="sandbox">Sandbox (built-in emulator)</option> : null}
          <option value="production">Production</option>
        </SelectField>
        <Field
          name="apiKey"
          id="fp-apiKey"
          label="Private API key (api_…)"
          type="password"
          autoComplete="off"
          errors={errors?.apiKey}
          hint="Leave empty to keep the current one."
        />
        <Field
          name="publicKey"
          id="fp-publicKey"
          label="Public key (pub_…)"
          type="password"
          autoComplete="off"
          errors={errors?.publicKey}
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Testing and saving…" : "Test and save keys"}
      </Button>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok ? <ServiceResults results={state.data.results} /> : null}
    </form>
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
  const [state, action, pending] = useActionState<Result, FormData>(
    async (_prev, fd) => updateGiftCardStoreAction(fd),
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" aria-label="POSPointe store">
      <input type="hidden" name="merchantId" value={merchantId} />
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
        <Field
          name="password"
          id="gc-password"
          label="API password"
          type="password"
          autoComplete="new-password"
          errors={errors?.password}
          hint="Leave empty to keep the current one."
        />
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
      <Button type="submit" disabled={pending}>
        {pending ? "Verifying…" : "Verify and save store"}
      </Button>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok ? <ServiceResults results={state.data.results} /> : null}
    </form>
  );
}
