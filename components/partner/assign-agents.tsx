"use client";

import { useState, useTransition } from "react";
import { assignAgentAction } from "@/lib/actions/partners";

export interface Agent {
  id: string;
  name: string;
  email: string;
}

/** Partner admins: which agents may see this merchant. Each change is audited server-side. */
export function AssignAgents({
  partnerId,
  merchantId,
  merchantName,
  agents,
  assigned,
}: {
  partnerId: string;
  merchantId: string;
  merchantName: string;
  agents: Agent[];
  assigned: string[];
}) {
  const [current, setCurrent] = useState(new Set(assigned));
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (agents.length === 0) return <span className="text-xs text-slate-500">no agents</span>;
  function toggle(agentUserId: string, on: boolean) {
    start(async () => {
      setError(null);
      const r = await assignAgentAction({ partnerId, merchantId, agentUserId, assigned: on });
      if (!r.ok) return setError(r.error);
      setCurrent((s) => {
        const n = new Set(s);
        if (on) n.add(agentUserId);
        else n.delete(agentUserId);
        return n;
      });
    });
  }
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-slate-600">
        {current.size ? `${current.size} agent${current.size === 1 ? "" : "s"}` : "Assign"}
      </summary>
      <fieldset className="mt-1 space-y-1" disabled={pending}>
        <legend className="sr-only">Agents who can see {merchantName}</legend>
        {agents.map((a) => (
          <label key={a.id} className="flex items-center gap-2 whitespace-nowrap">
            <input type="checkbox" checked={current.has(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} />
            {a.name}
          </label>
        ))}
        {error ? (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        ) : null}
      </fieldset>
    </details>
  );
}
