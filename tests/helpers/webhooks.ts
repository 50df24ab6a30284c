import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startTestWorker } from "./test-worker";

/**
 * Outbound webhooks for an integration test file: the `webhook-deliver` worker running in this process on a queue of
 * its own (test files share one database), retries after 1 second; and a real HTTP receiver on loopback.
 */
export async function runWebhookWorker(): Promise<{ close(): Promise<void> }> {
  const close = await startTestWorker(
    { WEBHOOK_QUEUE: `webhook-test-${randomBytes(5).toString("hex")}`, WEBHOOK_RETRY_DELAY_SECONDS: "1" },
    async () => {
      const { startWebhookWorkers, stopWebhookWorkers } = await import("@/lib/jobs/webhooks");
      return { start: startWebhookWorkers, stop: stopWebhookWorkers };
    },
  );
  return { close };
}

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  stop(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 answering each request with `answer(req, body)` (status and body). */
export async function startReceiver(
  answer: (headers: http.IncomingHttpHeaders, body: string) => { status: number; body?: string },
): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const a = answer(req.headers, body);
      requests.push({ headers: req.headers, body, status: a.status });
      res.writeHead(a.status, { "content-type": "text/plain" }).end(a.body ?? "");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
