export default function LinkNotValid() {
  return (
    <div className="rounded-xl bg-white px-6 py-12 text-center shadow-sm">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-2 text-xl font-semibold text-slate-900">This link is not valid</h1>
      <p className="mx-auto mt-2 max-w-sm text-sm text-slate-600">
        The payment link may have expired or been mistyped. Please contact the business that sent it for a new one.
      </p>
    </div>
  );
}
