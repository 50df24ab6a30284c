import { cn } from "@/components/ui/cn";
/** A dashboard panel and its loading skeleton (each widget streams on its own under Suspense). */
export function Widget({
  title,
  children,
  className = "",
}: {
  title: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <section className={cn("rounded-lg border border-slate-200 bg-white p-4", className)} aria-label={title}>
      <h2 className="mb-3 text-sm font-medium text-slate-600">{title}</h2>
      {children}
    </section>
  );
}

export function WidgetSkeleton({
  title,
  height = 220,
  className = "",
}: {
  title: string;
  height?: number;
  className?: string;
}) {
  return (
    <Widget title={title} className={className}>
      <div className="animate-pulse rounded bg-slate-100" style={{ height }} aria-busy="true" />
    </Widget>
  );
}

export function EmptyWidget({ children }: { children: React.ReactNode }) {
  return <p className="py-10 text-center text-sm text-slate-500">{children}</p>;
}
