"use client";

import { useRouter } from "next/navigation";

export interface Workspace {
  href: string;
  label: string;
}

/** A user in several merchants (or a partner) picks where to work. */
export function WorkspaceSwitcher({ current, options }: { current: string; options: Workspace[] }) {
  const router = useRouter();
  if (options.length < 2) return null;
  return (
    <label className="block text-xs text-slate-500">
      <span className="sr-only">Switch workspace</span>
      <select
        value={current}
        onChange={(e) => router.push(e.target.value)}
        className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
      >
        {options.map((o) => (
          <option key={o.href} value={o.href}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
