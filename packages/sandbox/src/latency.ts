import { setTimeout as sleep } from "node:timers/promises";
import { sandboxLatencyMs } from "./config";

type Handler = (req: Request) => Promise<Response>;

/** The emulator's handler with the configured per-request latency (`SANDBOX_LATENCY_MS`) before its answer. */
export function withLatency(handler: Handler): Handler {
  return async (req) => {
    const ms = new URL(req.url).pathname.includes("/_control/") ? 0 : sandboxLatencyMs();
    if (ms > 0) await sleep(ms);
    return handler(req);
  };
}
