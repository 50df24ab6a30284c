import { handler as cardpointeSandbox } from "@portal/sandbox/cardpointe";
import { handler as gatewaySandbox } from "@portal/sandbox/fluidpay";
import { adapterFor } from "@/tests/integration/gateway-cardpointe/helpers";
import { EXPIRY, Sandbox, type TestMerchant } from "@/tests/integration/sandbox-cardpointe/helpers";
import { createFluidPayAdapter } from "@/lib/gateway/fluidpay/adapter";
import type { GatewayAdapter } from "@/lib/gateway/types";
import { serve, type Served } from "@/tests/helpers/serve";

/** Both emulators on one loopback origin (as the app mounts them), over real HTTP. */
export async function serveBoth(): Promise<Served> {
  return serve((req) =>
    new URL(req.url).pathname.startsWith("/sandbox/cardpointe/") ? cardpointeSandbox(req) : gatewaySandbox(req),
  );
}

export { EXPIRY, type TestMerchant };

/** A CardPointe sandbox merchant driven over REST, with the portal's adapter for it. */
export async function cardPointeMerchant(sb: Sandbox) {
  const m = await sb.merchant();
  const adapter = adapterFor(sb, m);
  return {
    m,
    adapter,
    /** The merchant's simulated now. */
    async now(): Promise<Date> {
      const r = await sb.control("clock", { merchid: m.merchid, advance_seconds: 0 });
      return new Date(((await r.json()) as { now: string }).now);
    },
    async advanceDays(n: number) {
      const r = await sb.control("clock", { merchid: m.merchid, advance_seconds: n * 86_400 });
      if (r.status !== 200) throw new Error(`clock: ${r.status}`);
    },
    async sale(amountMinor: number, capture = true) {
      const r = await sb.gw(m, "auth", {
        account: "4111111111111111",
        expiry: EXPIRY,
        amount: String(amountMinor),
        capture: capture ? "Y" : "N",
      });
      if (r.respstat !== "A") throw new Error(`auth declined: ${JSON.stringify(r)}`);
      return r.retref as string;
    },
    capture: (retref: string, amountMinor: number) => sb.gw(m, "capture", { retref, amount: String(amountMinor) }),
    void: (retref: string) => sb.gw(m, "void", { retref }),
    refund: (retref: string, amountMinor: number) => sb.gw(m, "refund", { retref, amount: String(amountMinor) }),
    async chargeback(retref: string, amountMinor: number) {
      const r = await sb.control("chargeback", { merchid: m.merchid, retref, amount_minor: amountMinor });
      if (r.status !== 200) throw new Error(`chargeback: ${r.status} ${await r.text()}`);
    },
    async shortNextFunding(amountMinor: number) {
      const r = await sb.control("funding-shortfall", { merchid: m.merchid, amount_minor: amountMinor });
      if (r.status !== 200) throw new Error(`shortfall: ${r.status}`);
    },
  };
}

/** A gateway-family sandbox account driven over its API, with the portal's adapter for it. */
export async function gatewayFamilyAccount(origin: string, name: string) {
  const created = (await (
    await fetch(`${origin}/sandbox/gateway/_control/accounts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name }),
    })
  ).json()) as { data: { api_key: string; public_key: string; processor_id: string } };
  const { api_key: apiKey, public_key: publicKey, processor_id: processorId } = created.data;
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${origin}/sandbox/gateway${path}`, {
      method,
      headers: { authorization: apiKey, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await r.json()) as { status: string; data: Record<string, unknown> & { id: string } };
    if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json.data;
  };
  const adapter: GatewayAdapter = createFluidPayAdapter({
    baseUrl: `${origin}/sandbox/gateway/api`,
    apiKey,
    publicKey,
    processorId,
    backoffMs: 20,
  });
  const card = { card: { entry_type: "keyed", number: "4111111111111111", expiration_date: "12/30", cvc: "123" } };
  return {
    apiKey,
    adapter,
    async now(): Promise<Date> {
      const r = await fetch(`${origin}/sandbox/gateway/_control/clock`, { headers: { authorization: apiKey } });
      return new Date(((await r.json()) as { data: { now: string } }).data.now);
    },
    sale: async (amount: number) =>
      (await call("POST", "/api/transaction", { type: "sale", amount, payment_method: card })).id,
    authorize: async (amount: number) =>
      (await call("POST", "/api/transaction", { type: "authorize", amount, payment_method: card })).id,
    capture: (id: string, amount: number) => call("POST", `/api/transaction/${id}/capture`, { amount }),
    void: (id: string) => call("POST", `/api/transaction/${id}/void`, {}),
    refund: (id: string, amount: number) => call("POST", `/api/transaction/${id}/refund`, { amount }),
    /** The gateway's daily batch (`_control/settle` = its batch time now). */
    settle: () => call("POST", "/_control/settle", {}),
    advanceDays: (n: number) => call("POST", "/_control/clock", { advance_seconds: n * 86_400 }),
    shortNextDeposit: (amount: number) => call("POST", "/_control/deposit-shortfall", { amount }),
  };
}
