import { cn } from "./cn";

/**
 * What a route shows while its server component loads (`loading.tsx`). One live region with `aria-busy` and a
 * sentence for screen readers; the grey bars are decoration, hidden from assistive technology. Only routes whose page
 * cannot answer 404/403 after the boundary use it: with a loading boundary Next sends 200 before the page runs.
 */
export function LoadingSkeleton({ label, variant = "list" }: { label: string; variant?: "list" | "dashboard" }) {
  return (
    <div role="status" aria-busy="true" aria-live="polite" className="space-y-4">
      <span className="sr-only">{label}</span>
      <div aria-hidden="true" className="motion-safe:animate-pulse space-y-4">
        <div className="h-7 w-48 rounded bg-slate-200" />
        {variant === "dashboard" ? (
          <>
            <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
              {[0, 1, 2, 3].map((i) => (
                <div key={i} className="h-24 rounded-lg border border-slate-200 bg-white p-4">
                  <div className="h-3 w-20 rounded bg-slate-200" />
                  <div className="mt-3 h-6 w-28 rounded bg-slate-200" />
                </div>
              ))}
            </div>
            <div className="grid gap-4 md:grid-cols-2">
              {[0, 1].map((i) => (
                <div key={i} className="h-56 rounded-lg border border-slate-200 bg-white" />
              ))}
            </div>
          </>
        ) : (
          <div className="rounded-lg border border-slate-200 bg-white">
            {[0, 1, 2, 3, 4, 5, 6, 7].map((i) => (
              <div key={i} className={cn("flex gap-4 px-4 py-3", i > 0 && "border-t border-slate-100")}>
                <div className="h-4 w-24 rounded bg-slate-200" />
                <div className="h-4 flex-1 rounded bg-slate-100" />
                <div className="h-4 w-16 rounded bg-slate-200" />
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
