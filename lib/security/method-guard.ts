import http from "node:http";

/**
 * TRACE is answered 405 with an `Allow` header (RFC 9110 §15.5.6) before the framework sees them: the
 * Fetch standard forbids it in a `Request`, so a route handler (the portal's or a sandbox's) could only fail on
 * it with a 500 (Node's parser already refuses TRACK and other unknown methods with a 400). Installed once per process on `http.Server` (instrumentation-node.ts); every server in the
 * process — Next's — answers them the same way.
 */
const REFUSED = new Set(["TRACE"]);
export const ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
const INSTALLED = Symbol.for("portal.methodGuard");

export function installMethodGuard(proto: http.Server = http.Server.prototype): void {
  const marked = proto as http.Server & { [INSTALLED]?: boolean };
  if (marked[INSTALLED]) return;
  marked[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function guarded(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (REFUSED.has((req.method ?? "").toUpperCase())) {
        const body = "Method Not Allowed\n";
        res.writeHead(405, {
          allow: ALLOWED_METHODS,
          "content-type": "text/plain; charset=utf-8",
          "content-length": Buffer.byteLength(body),
        });
        res.end(body);
        req.resume();
        return true;
      }
    }
    return (emit as (this: http.Server, ...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof proto.emit;
}
