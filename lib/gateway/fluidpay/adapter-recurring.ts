import type { z } from "zod";
import type { AdjustmentInput, CatalogApi, RecurringApi } from "../types";
import type { FluidPayClient } from "./client";
import {
  adjustmentEnvelope,
  adjustmentListEnvelope,
  emptyEnvelope,
  planEnvelope,
  planListEnvelope,
  subscriptionEnvelope,
} from "./schemas";
import { toAdjustment, toAdjustmentBody, toPlan, toPlanBody, toSubscription, toSubscriptionBody } from "./transform";

const enc = encodeURIComponent;

/** The add-on, discount and plan endpoints share one shape: POST x, GET/POST/DELETE x/{id}, GET xs. */
function catalog<W, T, I>(
  client: FluidPayClient,
  noun: string,
  one: z.ZodType<{ data: W }>,
  many: z.ZodType<{ data?: W[] | null }>,
  toDomain: (w: W) => T,
  toBody: (i: I) => object,
): CatalogApi<T, I> {
  return {
    async create(input) {
      return toDomain(
        (await client.json({ method: "POST", path: `/recurring/${noun}`, body: toBody(input) }, one)).data,
      );
    },
    async get(id) {
      return toDomain((await client.json({ method: "GET", path: `/recurring/${noun}/${enc(id)}` }, one)).data);
    },
    async update(id, input) {
      const call = { method: "POST" as const, path: `/recurring/${noun}/${enc(id)}`, body: toBody(input) };
      return toDomain((await client.json(call, one)).data);
    },
    async delete(id) {
      await client.json({ method: "DELETE", path: `/recurring/${noun}/${enc(id)}` }, emptyEnvelope);
    },
    async list() {
      return ((await client.json({ method: "GET", path: `/recurring/${noun}s` }, many)).data ?? []).map(toDomain);
    },
  };
}

export function recurringApi(client: FluidPayClient): RecurringApi {
  const adjustments = (noun: "addon" | "discount") =>
    catalog(client, noun, adjustmentEnvelope, adjustmentListEnvelope, toAdjustment, (i: AdjustmentInput) =>
      toAdjustmentBody(i),
    );

  return {
    addOns: adjustments("addon"),
    discounts: adjustments("discount"),
    plans: catalog(client, "plan", planEnvelope, planListEnvelope, toPlan, toPlanBody),
    subscriptions: {
      async create(input) {
        const call = { method: "POST" as const, path: "/recurring/subscription", body: toSubscriptionBody(input) };
        return toSubscription((await client.json(call, subscriptionEnvelope)).data);
      },
      async get(id) {
        const call = { method: "GET" as const, path: `/recurring/subscription/${enc(id)}` };
        return toSubscription((await client.json(call, subscriptionEnvelope)).data);
      },
      async update(id, input) {
        const call = {
          method: "POST" as const,
          path: `/recurring/subscription/${enc(id)}`,
          body: toSubscriptionBody(input),
        };
        return toSubscription((await client.json(call, subscriptionEnvelope)).data);
      },
      async delete(id) {
        await client.json({ method: "DELETE", path: `/recurring/subscription/${enc(id)}` }, emptyEnvelope);
      },
      async setStatus(id, status, options = {}) {
        // A GET that changes state (as documented); setting the same status twice is harmless.
        const call = {
          method: "GET" as const,
          path: `/recurring/subscription/${enc(id)}/status/${status}`,
          query: { next_bill_date: status === "active" ? options.nextBillDate : undefined },
        };
        return toSubscription((await client.json(call, subscriptionEnvelope)).data);
      },
    },
  };
}
