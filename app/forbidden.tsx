// A plain <a>, not next/link: the root boundaries ship with every route (the pay page too), and a full load of
// the home page is all a 404/403 needs.
export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <p className="text-sm font-semibold text-amber-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold">You don&apos;t have access to this section</h1>
      <p className="mt-2 text-slate-600">Ask an administrator of this account if you need it.</p>
      <a href="/" className="mt-6 inline-block text-brand-600 underline">
        Go to your home page
      </a>
    </main>
  );
}
