import { getDb } from "@/db/client";
import { resetEnvCache } from "@/lib/env";
import type { Transaction } from "@/lib/gateway/types";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { handler as gatewaySandbox } from "@portal/sandbox/fluidpay";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { connectSandbox } from "@/tests/helpers/sandbox-merchant";
import { upsertTransactions } from "@/lib/sync/transactions";
import { type Served, serve } from "@/tests/helpers/serve";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/**
 * The gateway sandbox over real HTTP and a tenant pair whose merchant A has sandbox credentials; helpers to
 * make transactions server-to-server (test cards are fine here: no browser, no portal form) and close the batch.
 */
export interface World {
  served: Served;
  t: Tenants;
  apiKey: string;
  sale(amount: number, opts?: { type?: "sale" | "authorize"; card?: string; orderId?: string }): Promise<Transaction>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

let seq = 0;

export async function makeWorld(): Promise<World> {
  const served = await serve(gatewaySandbox);
  process.env.APP_URL = served.url;
  resetEnvCache();
  const t = await makeTenants("fluidpay");
  const p = await connectSandbox(t.merchantA, "Txn Test", "fluidpay");
  const creds = p.credentials.gateway;
  if (creds.family !== "fluidpay") throw new Error("expected a fluidpay merchant");
  const apiKey = creds.apiKey;
  return {
    served,
    t,
    apiKey,
    async sale(amount, opts = {}) {
      const gateway = await gatewayForMerchant(t.merchantA);
      const tx = await gateway.transactions.create({
        type: opts.type ?? "sale",
        amount,
        orderId: opts.orderId,
        source: { kind: "card", number: opts.card ?? "4111111111111111", expiration: "12/30" },
        idempotencyKey: idempotencyKeyFor("txn-test", t.merchantA, ++seq, Date.now()),
      });
      await upsertTransactions(getDb(), t.merchantA, [tx]);
      return tx;
    },
    async settle() {
      const res = await fetch(`${served.url}/sandbox/gateway/_control/settle`, {
        method: "POST",
        headers: { authorization: apiKey, "content-type": "application/json" },
        body: "{}",
      });
      if (!res.ok) throw new Error(`settle failed: ${res.status} ${await res.text()}`);
    },
    async close() {
      await served.close();
    },
  };
}
