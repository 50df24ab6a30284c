/**
 * What an error page may say about an error: Next.js's digest (a hash the server log prints beside the real
 * error), reduced to safe characters. Never the message or stack — in production a server error's message is
 * already replaced by Next.js, but a client-side error's is not.
 */
export function supportReference(error: { digest?: unknown } | null | undefined): string | null {
  const d = typeof error?.digest === "string" ? error.digest.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 32) : "";
  return d || null;
}
