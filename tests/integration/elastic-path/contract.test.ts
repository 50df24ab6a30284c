import { describe, expect } from "vitest";
import { dispatch as sandboxes } from "@portal/sandbox";
import { createElasticPathClient, type ElasticPathClient } from "@/lib/elasticpath";
import { gatewayFor } from "@/lib/gateway";
import { sandboxCardPointeCredentials } from "@/lib/services/merchants/provision-sandbox";
import { Declined, InvalidRequest, Unauthorized } from "@/lib/gateway/errors";
import { elasticPathReferences } from "@/lib/gateway/cardpointe/transform-vault";
import { caught } from "@/tests/helpers/caught";
import { connectTarget, envSet, type ContractTarget } from "@/tests/helpers/contract-targets";
import { serve, type Served } from "@/tests/helpers/serve";
import type { TestMerchant } from "@/tests/integration/sandbox-cardpointe/helpers";
import { vaultEllisPath } from "./vault";

/**
 * The Elastic Path adapter's contract (seed 004: `POST /v2/orders/:orderId/payments`, gateway `card_connect`, paid by
 * a CardPointe profile `account_id|profile_id`) against two targets with the same test bodies: the Elastic Path
 * emulator over real HTTP (always; its stores and orders come from its `_control` hooks), and a real Elastic Path
 * store when ELASTICPATH_BASE_URL (https://<region>.api.elasticpath.com), ELASTICPATH_TOKEN, ELASTICPATH_ORDER_ID (an
 * unpaid test order) and ELASTICPATH_PAYMENT (a profile reference of the store's card_connect merchant) are set.
 * Without them the real-store cases are reported as skipped — never passed — and their count is printed. Cases that
 * need more orders than the one the tester gives, a declining amount or a settled batch are emulator-only.
 */

interface ElasticPathContext {
  /** The adapter with the store's token. */
  ep: ElasticPathClient;
  /** The same store with another token (null: no token at all). */
  withToken(token: string): ElasticPathClient;
  /** An unpaid order, its amount in minor units, and a profile reference the store can charge. */
  order: { id: string; amount: number | null };
  payment: string;
  control: EmulatorControl | null;
  close(): Promise<void>;
}

interface EmulatorControl {
  /** A new unpaid order of `amount` minor units on the store. */
  order(amount: number): Promise<string>;
  /** Settles the CardPointe batch behind the store (refunds need a settled sale). */
  settle(): Promise<void>;
}

interface ElasticPathTarget extends ContractTarget {
  setup(): Promise<ElasticPathContext>;
}

async function post(url: string, body: unknown, status: number) {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (r.status !== status) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as Record<string, unknown>;
}

const ORDER_AMOUNT = 1200;

const emulatorTarget: ElasticPathTarget = {
  name: "emulator",
  enabled: true,
  hasControl: true,
  async setup() {
    const served: Served = await serve(sandboxes);
    const cp = `${served.url}/sandbox/cardpointe`;
    const m = (await post(`${cp}/_control/merchants`, { site: "epcontract" }, 201)) as unknown as TestMerchant;
    const prefix = m.environment === "uat" ? `${m.site}-uat` : m.site;
    const gateway = gatewayFor({
      family: "cardpointe",
      environment: "sandbox",
      appUrl: served.url,
      credentials: sandboxCardPointeCredentials(m),
    });
    const customer = await vaultEllisPath(gateway, `${cp}/${prefix}`);
    const store = (await post(`${served.url}/sandbox/elasticpath/_control/stores`, { merchid: m.merchid }, 201)) as {
      client_id: string;
      access_token: string;
    };
    const order = async (amount: number) =>
      (
        (await post(
          `${served.url}/sandbox/elasticpath/_control/orders`,
          { client_id: store.client_id, amount },
          201,
        )) as { id: string }
      ).id;
    const withToken = (accessToken: string) =>
      createElasticPathClient({ environment: "sandbox", appUrl: served.url, accessToken, vendorHosts: true });
    return {
      ep: withToken(store.access_token),
      withToken,
      order: { id: await order(ORDER_AMOUNT), amount: ORDER_AMOUNT },
      payment: elasticPathReferences(customer)[0]!.reference,
      control: {
        order,
        settle: async () => {
          await post(`${cp}/_control/settle`, { merchid: m.merchid }, 200);
        },
      },
      close: () => served.close(),
    };
  },
};

const LIVE_VARS = ["ELASTICPATH_BASE_URL", "ELASTICPATH_TOKEN", "ELASTICPATH_ORDER_ID", "ELASTICPATH_PAYMENT"];

const liveTarget: ElasticPathTarget = {
  name: "Elastic Path store (ELASTICPATH_BASE_URL)",
  enabled: envSet(...LIVE_VARS),
  hasControl: false,
  enableWith: LIVE_VARS.join(", "),
  async setup() {
    const e = process.env;
    const withToken = (accessToken: string) =>
      createElasticPathClient({
        environment: "production",
        apiBase: e.ELASTICPATH_BASE_URL,
        accessToken,
        appUrl: "http://localhost",
        vendorHosts: false,
      });
    const amount = e.ELASTICPATH_ORDER_AMOUNT?.trim();
    return {
      ep: withToken(e.ELASTICPATH_TOKEN ?? ""),
      withToken,
      order: { id: e.ELASTICPATH_ORDER_ID ?? "", amount: amount ? Number(amount) : null },
      payment: e.ELASTICPATH_PAYMENT ?? "",
      control: null,
      close: async () => {},
    };
  },
};

for (const target of [emulatorTarget, liveTarget]) {
  describe(`Elastic Path adapter contract — ${target.name}`, () => {
    const { ctx, control, live, sandboxOnly } = connectTarget(
      target,
      "they need more orders than the one given, a declining amount or a settled batch (the emulator's _control hooks)",
    );

    live(
      "refuses a payment without a token and with a wrong one (401 → Unauthorized), leaving the order unpaid",
      async () => {
        for (const token of ["", "ep_not-a-real-token"]) {
          const err = await caught(
            ctx.withToken(token).pay(ctx.order.id, { method: "purchase", payment: ctx.payment }),
          );
          expect(err).toBeInstanceOf(Unauthorized);
          expect(String((err as Error).message)).not.toContain(ctx.payment);
        }
      },
    );

    live(
      "pays the order by the profile reference (purchase), then refuses a second purchase of the paid order",
      async () => {
        const paid = await ctx.ep.pay(ctx.order.id, { method: "purchase", payment: ctx.payment });
        expect(paid).toMatchObject({ orderId: ctx.order.id, method: "purchase", status: "complete", currency: "USD" });
        expect(Number.isInteger(paid.amount)).toBe(true);
        if (ctx.order.amount !== null) expect(paid.amount).toBe(ctx.order.amount);
        const again = await caught(ctx.ep.pay(ctx.order.id, { method: "purchase", payment: ctx.payment }));
        expect(again).toBeInstanceOf(InvalidRequest);
        expect((again as InvalidRequest).status).toBe(422);
      },
    );

    sandboxOnly("authorizes, refuses a second authorization, then captures the authorized amount", async () => {
      const id = await control().order(2500);
      const auth = await ctx.ep.pay(id, { method: "authorize", payment: ctx.payment });
      expect(auth).toMatchObject({ orderId: id, method: "authorize", amount: 2500, status: "complete" });
      const twice = await caught(ctx.ep.pay(id, { method: "authorize", payment: ctx.payment }));
      expect(twice).toBeInstanceOf(InvalidRequest);
      const cap = await ctx.ep.pay(id, { method: "capture", payment: ctx.payment });
      expect(cap).toMatchObject({ orderId: id, method: "capture", amount: 2500, status: "complete" });
      const capTwice = await caught(ctx.ep.pay(id, { method: "capture", payment: ctx.payment }));
      expect(capTwice).toBeInstanceOf(InvalidRequest);
    });

    sandboxOnly("refunds part of a settled purchase, and refuses a refund beyond what is left", async () => {
      const id = await control().order(3000);
      await ctx.ep.pay(id, { method: "purchase", payment: ctx.payment });
      await control().settle();
      const r = await ctx.ep.pay(id, { method: "refund", amount: 1000, payment: ctx.payment });
      expect(r).toMatchObject({ orderId: id, method: "refund", amount: 1000, status: "complete" });
      const over = await caught(ctx.ep.pay(id, { method: "refund", amount: 2500, payment: ctx.payment }));
      expect(over).toBeInstanceOf(InvalidRequest);
      expect((over as InvalidRequest).status).toBe(422);
    });

    sandboxOnly(
      "maps a declined payment (402) to Declined with the processor's reason; the order stays payable",
      async () => {
        // UAT amount-driven response: $1051.00 answers code 51 (declined) for the card_connect merchant.
        const id = await control().order(105_100);
        const err = await caught(ctx.ep.pay(id, { method: "purchase", payment: ctx.payment }));
        expect(err).toBeInstanceOf(Declined);
        expect((err as Declined).reason).toMatch(/declin|insufficient/i);
        const ok = await ctx.ep.pay(id, { method: "purchase", amount: 1000, payment: ctx.payment });
        expect(ok).toMatchObject({ method: "purchase", amount: 1000, status: "complete" });
      },
    );
  });
}
