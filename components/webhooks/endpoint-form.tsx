"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldError } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { createEndpointAction, updateEndpointAction } from "@/lib/actions/webhooks";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";
import { SecretNotice } from "./secret-notice";

export interface EndpointFormValues {
  id?: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
}

/** Add an endpoint (its secret is shown once, below) or edit one (URL, description, events, enabled). */
export function EndpointForm({
  merchantId,
  initial,
  onDone,
}: {
  merchantId: string;
  initial?: EndpointFormValues;
  onDone?: () => void;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const editing = !!initial?.id;
  const prefix = initial?.id ? `endpoint-${initial.id.slice(0, 8)}` : "new-endpoint";
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <form
      aria-label={editing ? "Edit endpoint" : "Add an endpoint"}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const form = e.currentTarget;
        const input = {
          merchantId,
          url: String(fd.get("url") ?? ""),
          description: String(fd.get("description") ?? ""),
          eventTypes: fd.getAll("eventTypes").map(String),
        };
        start(async () => {
          const r = editing
            ? await updateEndpointAction({ ...input, endpointId: initial!.id, enabled: fd.get("enabled") === "on" })
            : await createEndpointAction(input);
          setResult(r);
          if (!r.ok) return;
          if (!editing) {
            setSecret((r.data as { secret: string }).secret);
            form.reset();
          }
          router.refresh();
          onDone?.();
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id={`${prefix}-url`}
          name="url"
          type="url"
          label="Endpoint URL"
          placeholder="https://example.com/webhooks/portal"
          defaultValue={initial?.url}
          required
          maxLength={2000}
          errors={errors?.url}
          hint="Where we POST each event. HTTPS, on a public address."
        />
        <Field
          id={`${prefix}-description`}
          name="description"
          label="Description (optional)"
          placeholder="Accounting system"
          defaultValue={initial?.description}
          maxLength={200}
          errors={errors?.description}
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Events to send</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {WEBHOOK_EVENT_TYPES.map((t) => (
            <label key={t} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="eventTypes"
                value={t}
                defaultChecked={initial ? initial.eventTypes.includes(t) : !t.startsWith("exception")}
                className="mt-1"
              />
              <span>
                <span className="font-mono text-xs">{t}</span>
                <span className="block text-xs text-slate-500">{WEBHOOK_EVENT_LABELS[t]}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id={`${prefix}-events-error`} errors={errors?.eventTypes} />
      </fieldset>
      {editing ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="enabled" defaultChecked={initial!.enabled} />
          Enabled (a disabled endpoint receives nothing; its events are not kept for it)
        </label>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : editing ? "Save endpoint" : "Add endpoint"}
      </Button>
      {result && !result.ok && !errors ? <Alert tone="error">{result.error}</Alert> : null}
      {secret ? <SecretNotice secret={secret} /> : null}
    </form>
  );
}
