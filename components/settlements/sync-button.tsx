"use client";

import { useActionState } from "react";
import { syncSettlementsAction } from "@/lib/actions/settlements";
import type { ActionResult } from "@/lib/action-result";

export function SyncSettlementsButton({ merchantId }: { merchantId: string }) {
  const [state, action, pending] = useActionState<ActionResult<{ synced: number }> | null, FormData>(
    (prev, fd) => syncSettlementsAction(prev, fd),
    null,
  );
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="merchantId" value={merchantId} />
      <button
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? "Syncing…" : "Sync from gateway"}
      </button>
      <span role="status" className="text-xs text-slate-500">
        {state?.ok ? `${state.data.synced} batch${state.data.synced === 1 ? "" : "es"} up to date` : state?.error}
      </span>
    </form>
  );
}
