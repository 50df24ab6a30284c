"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Recovery codes, shown once: copy or download them, then confirm they are saved. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const text = codes.join("\n");
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(
    `Merchant portal recovery codes (each works once)\n\n${text}\n`,
  )}`;
  return (
    <div className="space-y-4">
      <div className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        <p className="font-medium">Save these recovery codes now. They will not be shown again.</p>
        <p className="mt-1">
          If you lose your authenticator, each code signs you in once. Generating new codes voids these.
        </p>
      </div>
      <ol
        aria-label="Recovery codes"
        className="grid max-w-md grid-cols-2 gap-x-6 gap-y-1.5 rounded-md bg-slate-50 px-4 py-3 font-mono text-sm text-slate-900"
      >
        {codes.map((c) => (
          <li key={c} data-testid="recovery-code">
            {c}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(text).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy codes"}
        </Button>
        <a
          href={download}
          download="recovery-codes.txt"
          className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
        >
          Download .txt
        </a>
        <Button onClick={onDone}>I have saved them</Button>
      </div>
    </div>
  );
}
