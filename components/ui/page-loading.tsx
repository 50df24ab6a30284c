/**
 * A route's loading state (app/…/loading.tsx): shown at once on navigation while the page's data loads, so a click
 * always gets feedback. Announced politely to screen readers.
 */
export function PageLoading({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4" data-testid="page-loading">
      <span className="sr-only">{label}</span>
      <div className="h-7 w-48 rounded bg-slate-200" />
      <div className="h-4 w-80 max-w-full rounded bg-slate-100" />
      <div className="h-64 rounded-lg border border-slate-200 bg-white" />
    </div>
  );
}
