import { randomUUID } from "node:crypto";
import { afterAll, expect } from "vitest";
import { createFluidPayAdapter } from "@/lib/gateway/fluidpay/adapter";
import type { GatewayAdapter } from "@/lib/gateway/types";
import { handler } from "@portal/sandbox/fluidpay";
import { undocumentedCalls } from "@/lib/gateway/documented";
import { serve, type Served } from "@/tests/helpers/serve";
import { connectTarget, envSet, type ContractTarget } from "@/tests/helpers/contract-targets";

/**
 * The adapter suites run against two targets with the same test bodies: the embedded sandbox over real HTTP
 * (always), and a real gateway account when GATEWAY_BASE_URL and GATEWAY_API_KEY are set. Without them the live
 * cases are reported as skipped — never as passed. Cases that need the sandbox's control plane (forcing a batch
 * close, advancing the clock, injecting faults, the test TPNs) are skipped on the live target for the same reason.
 */

export interface Control {
  /** Close the account's open batches now. */
  settle(): Promise<void>;
  advanceSeconds(seconds: number): Promise<string>;
  setFault(f: { path_prefix: string; error_rate?: number; latency_ms?: number; timeout_rate?: number }): Promise<void>;
  clearFaults(): Promise<void>;
  /** Plays the browser's tokenizer iframe: card/ACH details → a one-time token (sandbox only). */
  mintToken(
    details: { card: { number: string; expiration_date: string; cvc?: string } } | { ach: object },
  ): Promise<string>;
}

export interface TargetContext {
  adapter: GatewayAdapter;
  /** Builds another adapter on the same gateway (other keys, shorter timeouts). */
  adapterWith(opts: {
    apiKey?: string;
    publicKey?: string;
    timeoutMs?: number;
    retries?: number;
    /** Sandbox only: runs after each answer arrives and before the adapter reads it (to interleave another client). */
    afterFetch?: (url: string, init: RequestInit | undefined) => Promise<void>;
  }): GatewayAdapter;
  apiKey: string;
  publicKey: string;
  baseUrl: string;
  control: Control | null;
  close(): Promise<void>;
}

export interface Target extends ContractTarget {
  setup(): Promise<TargetContext>;
}

/**
 * Every request the adapter sends in these suites, as `METHOD /api/…`: `connect` asserts after each suite that all
 * of them are documented (lib/gateway/documented-endpoints.json, generated from seed 003 by `npm run endpoints`).
 */
export const sentCalls = new Set<string>();
const recordingFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  sentCalls.add(`${(init?.method ?? "GET").toUpperCase()} ${url.pathname.replace(/^\/sandbox\/gateway/, "")}`);
  return fetch(input, init);
};

async function envelope(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as { status?: string; msg?: string; data?: Record<string, unknown> };
  if (!res.ok || body.status !== "success") throw new Error(`control call failed: ${res.status} ${body.msg}`);
  return body.data ?? {};
}

export const sandboxTarget: Target = {
  name: "sandbox",
  enabled: true,
  hasControl: true,
  async setup() {
    const served: Served = await serve(handler);
    const control = `${served.url}/sandbox/gateway/_control`;
    const account = await envelope(
      await fetch(`${control}/accounts`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        // Batches close at the account's batch time; put it half a day away so a test that advances the clock by
        // minutes never closes a batch by accident (tests that want settlement ask for it).
        body: JSON.stringify({
          name: `adapter suite ${randomUUID().slice(0, 8)}`,
          batch_time: `${String((new Date().getUTCHours() + 12) % 24).padStart(2, "0")}:00`,
        }),
      }),
    );
    const apiKey = String(account.api_key);
    const publicKey = String(account.public_key);
    const processorId = String(account.processor_id);
    const baseUrl = `${served.url}/sandbox/gateway/api`;
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${control}${path}`, {
        method,
        headers: { Authorization: apiKey, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(envelope);
    const adapterWith: TargetContext["adapterWith"] = (o) =>
      createFluidPayAdapter({
        baseUrl,
        apiKey: o.apiKey ?? apiKey,
        publicKey: o.publicKey ?? publicKey,
        processorId,
        timeoutMs: o.timeoutMs ?? 15_000,
        retries: o.retries,
        backoffMs: 20,
        fetch: o.afterFetch
          ? async (input, init) => {
              const answer = await recordingFetch(input, init);
              await o.afterFetch!(String(input), init);
              return answer;
            }
          : recordingFetch,
      });
    return {
      adapter: adapterWith({}),
      adapterWith,
      apiKey,
      publicKey,
      baseUrl,
      control: {
        settle: async () => void (await call("POST", "/settle", {})),
        advanceSeconds: async (s) => String((await call("POST", "/clock", { advance_seconds: s })).now),
        setFault: async (f) => void (await call("POST", "/faults", f)),
        clearFaults: async () => void (await call("DELETE", "/faults", {})),
        mintToken: async (details) => {
          const res = await fetch(`${served.url}/sandbox/gateway/tokenizer/${publicKey}/token`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ type: "card" in details ? "card" : "ach", ...details }),
          });
          return String((await envelope(res)).token);
        },
      },
      close: () => served.close(),
    };
  },
};

// Tests may read process.env (lib code may not).
const liveBase = process.env.GATEWAY_BASE_URL;
const liveKey = process.env.GATEWAY_API_KEY;

export const liveTarget: Target = {
  name: "live gateway (GATEWAY_BASE_URL)",
  enabled: envSet("GATEWAY_BASE_URL", "GATEWAY_API_KEY"),
  hasControl: false,
  enableWith: "GATEWAY_BASE_URL and GATEWAY_API_KEY",
  async setup() {
    const baseUrl = (liveBase ?? "").replace(/\/+$/, "");
    const apiKey = liveKey ?? "";
    const publicKey = process.env.GATEWAY_PUBLIC_KEY ?? "pub_not_configured";
    const adapterWith: TargetContext["adapterWith"] = (o) =>
      createFluidPayAdapter({
        baseUrl,
        apiKey: o.apiKey ?? apiKey,
        publicKey: o.publicKey ?? publicKey,
        processorId: process.env.GATEWAY_PROCESSOR_ID,
        timeoutMs: o.timeoutMs ?? 30_000,
        retries: o.retries,
      });
    return { adapter: adapterWith({}), adapterWith, apiKey, publicKey, baseUrl, control: null, close: async () => {} };
  },
};

export const targets: Target[] = [sandboxTarget, liveTarget];

/**
 * For one describe block: sets the target up before its tests and closes it after; `ctx` is filled in before the
 * first test runs. `live` runs wherever the target is configured, `sandboxOnly` only where its control plane exists.
 */
export function connect(target: Target) {
  const { ctx, live, sandboxOnly } = connectTarget(
    target,
    "they need the sandbox's control plane (settle, clock, faults, test cards)",
  );
  // Runs before connectTarget's closing hook (vitest runs after-hooks as a stack); the recorded calls stay.
  afterAll(() => {
    if (target.hasControl && target.enabled) {
      // Production fidelity (issue 22): the adapter called only what seed 003 documents.
      expect(sentCalls.size, "the adapter's requests were recorded").toBeGreaterThan(0);
      expect(undocumentedCalls("fluidpay", sentCalls)).toEqual([]);
    }
  });
  return { ctx, live, sandboxOnly };
}

/** An order id unique to this run (≤ 15 alphanumerics, as seed 003 L90 requires). */
export function orderId(prefix = "T"): string {
  return `${prefix}${randomUUID()
    .replace(/-/g, "")
    .slice(0, 15 - prefix.length)}`.slice(0, 15);
}

export const CARD = {
  approve: "4111111111111111",
  surchargeable: "4005519200000004",
  mastercard: "5555555555554444",
  decline: "4000000000000002",
  insufficientFunds: "4000000000009995",
  expired: "4000000000000069",
  partial: "4000000000000051",
  refundDeclines: "4000000000000010",
} as const;

/** A future expiry in MM/YY. */
export function futureExpiry(): string {
  const y = (new Date().getUTCFullYear() + 3) % 100;
  return `12/${String(y).padStart(2, "0")}`;
}

export async function eventually<T>(fn: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await fn();
  while (!done(last)) {
    if (Date.now() > until) throw new Error(`condition not reached in ${timeoutMs} ms: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 250));
    last = await fn();
  }
  return last;
}
