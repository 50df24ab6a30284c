import { handler } from "@portal/sandbox/fluidpay";
import { serve, type Served } from "@/tests/helpers/serve";

export interface Env {
  s: Served;
  apiKey: string;
  publicKey: string;
  merchantId: string;
  /** Stops the served sandbox (so `openForFile(() => setup(name))` opens and closes it around a file). */
  close(): Promise<void>;
  /** Calls the sandbox with the account's private key; returns status and parsed JSON (or text). */
  api(
    method: string,
    path: string,
    body?: unknown,
    key?: string,
  ): Promise<{ status: number; json: Record<string, unknown> }>;
}

export async function setup(name = "contract"): Promise<Env> {
  const s = await serve(handler);
  const res = await fetch(`${s.url}/sandbox/gateway/_control/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  const created = (await res.json()) as { data: { api_key: string; public_key: string; merchant_id: string } };
  const apiKey = created.data.api_key;
  return {
    s,
    apiKey,
    publicKey: created.data.public_key,
    merchantId: created.data.merchant_id,
    close: () => s.close(),
    async api(method, path, body, key = apiKey) {
      const r = await fetch(`${s.url}/sandbox/gateway${path}`, {
        method,
        headers: { authorization: key, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = { text };
      }
      return { status: r.status, json };
    },
  };
}

export const card = (number = "4111111111111111", extra: Record<string, unknown> = {}) => ({
  card: { entry_type: "keyed", number, expiration_date: "12/30", cvc: "123", ...extra },
});

export function sale(amount: number, number = "4111111111111111", extra: Record<string, unknown> = {}) {
  return { type: "sale", amount, payment_method: card(number), ...extra };
}

export type Txn = Record<string, unknown> & { id: string; status: string };
