import { closeSandbox, dispatch } from "@portal/sandbox";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { stopBoss } from "@/lib/queue/boss";
import { log } from "@/lib/log";
import { seedDemo } from "./seed";
import { setSandboxTransport } from "@/lib/sandbox-control";
import { provisionSandboxMerchant } from "@/lib/services/merchants/provision-sandbox";
import { generateBoardingPipeline } from "./demo-boarding";
import { generateDemoHistory, historyStart, type HistorySize } from "./demo-history";

/**
 * The start script's half of the sandboxes' composition point (the other half mounts them in the web server:
 * app/sandbox/[...path]/route.ts). The demo seed runs before the web server listens, so the sandbox accounts it
 * provisions go through the same `_control` API, dispatched in this process; the sandboxes' pool ends with it.
 * While it runs, the product's own HTTP calls to the sandboxes' mount (`<APP_URL>/sandbox/...`: the gateway
 * adapters the demo history drives) are dispatched in process the same way, since nothing listens there yet.
 */
export async function seedDemoWithSandboxes(
  opts: { history?: HistorySize; say?: (line: string) => void } = {},
): Promise<void> {
  const history = opts.history ?? env().DEMO_HISTORY;
  const say = opts.say ?? ((l: string) => console.log(l));
  const mount = `${env().appUrl.replace(/\/+$/, "")}/sandbox/`;
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(mount)) return realFetch(input, init);
    return dispatch(new Request(input, init));
  }) as typeof fetch;
  setSandboxTransport(dispatch);
  try {
    const startAt = historyStart(history);
    const { list } = await seedDemo(getDb(), {
      provisionSandbox: (m) => provisionSandboxMerchant(m, startAt ? { startAt, webhook: false } : {}),
    });
    if (history !== "off") {
      // The history prints its own progress; the sync jobs' routine info lines would drown it (warnings still show).
      const level = log().level;
      if (log().levelVal < 40) log().level = "warn";
      try {
        await generateDemoHistory(list, { size: history, say }, `${env().appUrl}/api/webhooks/fluidpay`);
        // The partner's pipeline adds applications (and one live merchant) that specs counting merchants would see.
        if (history === "on") await generateBoardingPipeline(say);
      } finally {
        log().level = level;
      }
    }
  } finally {
    globalThis.fetch = realFetch;
    // Queuing mail (the boarding pipeline's signature requests) starts the job queue's client: the web server's
    // workers deliver those messages, not this process.
    await stopBoss();
    await closeSandbox();
  }
}
