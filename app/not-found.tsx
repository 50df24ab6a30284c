// A plain <a>, not next/link: the root boundaries ship with every route (the pay page too), and a full load of
// the home page is all a 404/403 needs.
export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">The page does not exist or you do not have access to it.</p>
      <a href="/" className="mt-6 inline-block text-brand-600 underline">
        Go to your home page
      </a>
    </main>
  );
}
