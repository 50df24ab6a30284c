import http from "node:http";
import type { AddressInfo } from "node:net";

export type WebHandler = (req: Request) => Promise<Response>;

export interface Served {
  /** Origin, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a Web-standard handler over real HTTP on loopback, the way a Next.js route handler
 * receives it, so tests exercise serialisation, headers and status codes for real.
 */
export async function serve(handler: WebHandler): Promise<Served> {
  const server = http.createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (Array.isArray(v)) for (const x of v) headers.append(k, x);
        else if (v !== undefined) headers.set(k, v);
      }
      const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
      const request = new Request(new URL(req.url ?? "/", origin), {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" || body.length === 0 ? undefined : body,
      });
      const response = await handler(request);
      const out: Record<string, string | string[]> = {};
      response.headers.forEach((value, key) => {
        out[key] = value;
      });
      const setCookies = response.headers.getSetCookie();
      if (setCookies.length) out["set-cookie"] = setCookies;
      res.writeHead(response.status, out);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (err) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`test server: unhandled error: ${(err as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
