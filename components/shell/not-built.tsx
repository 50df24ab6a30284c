/** A section that is not built yet says so plainly: no fake numbers. */
export function NotBuilt({ title, what }: { title: string; what: string }) {
  return (
    <section>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-slate-600">
        <p className="font-medium text-slate-800">This section is not built yet.</p>
        <p className="mt-1 text-sm">{what}</p>
      </div>
    </section>
  );
}
