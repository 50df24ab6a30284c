"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

/** The invoice's current pay link with a copy button (a pay link opens one invoice; it is not an account credential). */
export function PayLink({ url, expires }: { url: string; expires: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied(null), 2500);
  }
  return (
    <div className="space-y-2">
      <div className="flex gap-2">
        <label htmlFor="pay-link" className="sr-only">
          Pay link
        </label>
        <input
          id="pay-link"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className={cn("min-w-0 flex-1 font-mono text-xs", inputClass)}
          data-testid="pay-link-field"
        />
        <Button variant="secondary" size="sm" onClick={copy} type="button">
          {copied === "yes" ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="text-xs text-slate-500" role="status">
        {copied === "failed" ? "Your browser blocked the clipboard: select the link and copy it. " : null}
        Works until {expires}. Anyone with the link can view and pay this invoice; sending again makes a new one.
      </p>
    </div>
  );
}
