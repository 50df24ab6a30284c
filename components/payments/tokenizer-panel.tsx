import type { Ref } from "react";
import type { TokenizerConfig } from "@/lib/gateway/types";

/**
 * The region around a gateway's card/bank iframe: a loading line, an error line and the element the driver mounts
 * the iframe in (`data-tokenizer`). No hooks, so the pay page renders it on the server and its bridge fills it
 * (components/pay/pay-bridge.ts); TokenizerFrame renders it with its React state elsewhere.
 */
export function TokenizerPanel({
  family,
  label,
  loading = true,
  error = null,
  containerRef,
}: {
  family: TokenizerConfig["family"];
  label: string;
  loading?: boolean;
  error?: string | null;
  containerRef?: Ref<HTMLDivElement>;
}) {
  return (
    <div role="group" aria-label={label} aria-busy={loading} data-tokenizer-panel>
      <p className="text-sm text-slate-500" data-tokenizer-loading hidden={!loading}>
        Loading the secure payment form…
      </p>
      <p role="alert" className="text-sm text-red-700" data-tokenizer-error hidden={!error}>
        {error}
      </p>
      <div ref={containerRef} className="min-h-[140px] rounded-md" data-tokenizer={family} />
      <p className="mt-1 flex items-center gap-1 text-xs text-slate-500">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-3.5 w-3.5 fill-current">
          <path d="M10 1a4 4 0 0 0-4 4v3H5a2 2 0 0 0-2 2v7a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-7a2 2 0 0 0-2-2h-1V5a4 4 0 0 0-4-4Zm-2 7V5a2 2 0 1 1 4 0v3H8Z" />
        </svg>
        Entered in the gateway&apos;s secure form; the portal never sees the number.
      </p>
    </div>
  );
}
