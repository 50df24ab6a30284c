/**
 * Transport for the CardPointe adapter when it talks to the embedded sandbox (mounted inside this Next.js app).
 *
 * CardPointe's REST API uses an empty path segment for "every account" (`GET|DELETE /profile/<id>//<merchid>`).
 * Next.js answers any path containing `//` with a 308 to the collapsed path before a route handler runs, so that
 * request never reaches the mounted sandbox. This transport follows exactly that redirect — same origin, same path
 * with repeated slashes collapsed, nothing else — and the sandbox reads the collapsed `/profile/<id>/<merchid>` as
 * the empty-account form. Any other redirect stays an error, as with production's `redirect: "error"`.
 * Production (real CardPointe hosts) uses plain `fetch`; the adapter code is the same.
 */
export const embeddedSandboxFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, { ...init, redirect: "manual" });
  if (res.status !== 308 && res.status !== 307) return res;
  const from = new URL(input instanceof Request ? input.url : String(input));
  const location = res.headers.get("location");
  const to = location ? new URL(location, from) : null;
  const collapsed = from.pathname.replace(/\/{2,}/g, "/");
  if (!to || to.origin !== from.origin || to.pathname !== collapsed || from.pathname === collapsed) {
    throw new TypeError(`unexpected redirect from ${from.pathname}`);
  }
  await res.body?.cancel();
  return fetch(new URL(to.pathname + from.search, from), { ...init, redirect: "error" });
};
