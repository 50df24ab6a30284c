import "server-only";
import { z } from "zod";
import { Declined, InvalidRequest, NotFound, Unauthorized, Unavailable } from "@/lib/gateway/errors";
import { emulatorUrlFor, vendorHostsFetch } from "@/lib/gateway/sandbox-hosts";
import { send, type SendPolicy } from "@/lib/gateway/send";

/**
 * Elastic Path `card_connect` pay-by-token (seed 004) — the only Elastic Path call the portal makes:
 * `POST {api}/v2/orders/:orderId/payments` with `Authorization: Bearer …` and
 * `{"data": {"gateway": "card_connect", "method", "amount"?, "payment": "account_id|profile_id"}}`.
 * Seed 004 documents no token endpoint, so the store's credential is the Bearer token itself (docs/decisions.md).
 * Payments are never retried by the client (Elastic Path documents no idempotency key for them); the emulator, like
 * Elastic Path, refuses to pay an order twice.
 */

export const ELASTIC_PATH_PRODUCTION_API = "https://useast.api.elasticpath.com";
export type ElasticPathMethod = "purchase" | "authorize" | "capture" | "refund";
export type ElasticPathEnvironment = "sandbox" | "production";

export interface ElasticPathConfig {
  environment: ElasticPathEnvironment;
  /** Production API root (region host); default useast. */
  apiBase?: string | null;
  accessToken: string;
  appUrl: string;
  /** Sandbox mode answers the vendor host with the emulator (lib/gateway/sandbox-hosts.ts). */
  vendorHosts: boolean;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const transactionSchema = z.object({
  data: z.object({
    id: z.string(),
    gateway: z.string(),
    amount: z.number().int(),
    currency: z.string(),
    "transaction-type": z.string(),
    status: z.string(),
    relationships: z
      .object({ order: z.object({ data: z.object({ id: z.string() }) }) })
      .partial()
      .optional(),
  }),
});

export interface StorefrontPayment {
  id: string;
  orderId: string;
  method: string;
  amount: number;
  currency: string;
  status: string;
}

const errorsSchema = z.object({
  errors: z.array(
    z.object({
      status: z.union([z.string(), z.number()]).optional(),
      title: z.string().optional(),
      detail: z.string().optional(),
    }),
  ),
});

export class ElasticPathConfigError extends Error {}

export function elasticPathApiRoot(config: Pick<ElasticPathConfig, "environment" | "apiBase" | "appUrl">): string {
  if (config.environment === "sandbox") return `${config.appUrl.replace(/\/+$/, "")}/sandbox/elasticpath`;
  const root = (config.apiBase || ELASTIC_PATH_PRODUCTION_API).replace(/\/+$/, "");
  const u = new URL(root);
  if (u.protocol !== "https:" || !/^[a-z0-9-]+\.api\.elasticpath\.com$/i.test(u.hostname)) {
    throw new ElasticPathConfigError(
      `an Elastic Path production API must be https://<region>.api.elasticpath.com: ${root}`,
    );
  }
  return root;
}

export function createElasticPathClient(config: ElasticPathConfig) {
  const root = elasticPathApiRoot(config);
  const emulated = config.environment === "production" && config.vendorHosts && emulatorUrlFor(root, config.appUrl);
  const policy: SendPolicy = {
    timeoutMs: config.timeoutMs ?? 40_000,
    retries: 0,
    backoffMs: 200,
    fetch: config.fetch ?? (emulated ? vendorHostsFetch(config.appUrl) : undefined),
  };
  return {
    root,
    /** Seed 004: pay (or capture / refund) an order by a CardPointe profile `account_id|profile_id`. */
    async pay(
      orderId: string,
      input: { method: ElasticPathMethod; payment: string; amount?: number },
    ): Promise<StorefrontPayment> {
      const res = await send(
        {
          method: "POST",
          url: `${root}/v2/orders/${encodeURIComponent(orderId)}/payments`,
          headers: { authorization: `Bearer ${config.accessToken}`, "content-type": "application/json" },
          body: JSON.stringify({
            data: {
              gateway: "card_connect",
              method: input.method,
              ...(input.amount !== undefined ? { amount: input.amount } : {}),
              payment: input.payment,
            },
          }),
          retrySafe: false,
          label: `Elastic Path POST /v2/orders/:orderId/payments (${input.method})`,
          detail: (text) => firstError(text),
        },
        policy,
      );
      if (!res.ok) {
        const detail = firstError(res.text) ?? `HTTP ${res.status}`;
        if (res.status === 401 || res.status === 403)
          throw new Unauthorized(`Elastic Path refused the token: ${detail}`);
        if (res.status === 404) throw new NotFound(`Elastic Path: ${detail}`);
        if (res.status === 402) throw new Declined({ code: 200, reason: detail });
        throw new InvalidRequest(detail, [], res.status);
      }
      let parsed: z.infer<typeof transactionSchema>;
      try {
        parsed = transactionSchema.parse(JSON.parse(res.text));
      } catch {
        throw new Unavailable({ reason: "bad_response", message: "Elastic Path answered an unreadable payment" });
      }
      const d = parsed.data;
      return {
        id: d.id,
        orderId: d.relationships?.order?.data.id ?? orderId,
        method: d["transaction-type"],
        amount: d.amount,
        currency: d.currency.toUpperCase(),
        status: d.status,
      };
    },
  };
}

function firstError(text: string): string | undefined {
  try {
    const e = errorsSchema.parse(JSON.parse(text)).errors[0];
    return e ? [e.title, e.detail].filter(Boolean).join(": ").slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

export type ElasticPathClient = ReturnType<typeof createElasticPathClient>;
