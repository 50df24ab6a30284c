"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
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

/** "Test connection": one harmless documented call per service the merchant is connected to. */
export function ConnectionTests({ merchantId }: { merchantId: string }) {
  const [state, action, pending] = useActionState<ActionResult<{ results: ServiceResult[] }> | null, FormData>(
    async (_prev, fd) => testConnectionsAction(fd),
    null,
  );
  return (
    <form action={action} className="space-y-3" aria-label="Test connections">
      <input type="hidden" name="merchantId" value={merchantId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Testing…" : "Test connection"}
      </Button>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok ? <ServiceResults results={state.data.results} /> : null}
    </form>
  );
}
