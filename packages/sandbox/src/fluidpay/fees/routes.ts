import { badRequest, json, ok } from "../core/envelope";
import { asObject, int, str } from "../core/fields";
import { pooled } from "../core/schema";
import type { Route } from "../core/types";
import { binInfo } from "../transactions/cards";
import { calculateAmounts } from "./calculate";
import { feeSettings, surchargeFor, adjustmentFor } from "./settings";

/** States where card surcharging is not allowed; the gateway returns no surcharge there. */
export const NO_SURCHARGE_STATES = new Set(["CT", "MA"]);

export const feeRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/lookup/fees",
    auth: "private",
    async handle({ account, body }) {
      const o = asObject(body);
      str(o, "type", { required: true, oneOf: ["integrations"] });
      const bin = str(o, "bin", { required: true, pattern: /^\d{6,19}$/ }) as string;
      const method = str(o, "payment_method", { required: true, oneOf: ["card", "ach"] });
      const base = int(o, "base_amount");
      if (base === undefined) throw badRequest("base_amount is required");
      const state = (str(o, "state", { max: 20 }) ?? "").toUpperCase();
      const s = await feeSettings(await pooled(), account.id);
      const info = method === "card" ? binInfo(bin) : undefined;
      const surcharge = NO_SURCHARGE_STATES.has(state) ? 0 : surchargeFor(base, info, s);
      const serviceFee = adjustmentFor(base, s.service_fee);
      return ok({
        service_fee: serviceFee,
        payment_adjustment: { value: s.service_fee.value, type: s.service_fee.type },
        requested_amount: base + surcharge + serviceFee,
        discount_amount: null,
        surcharge,
      });
    },
  },
  {
    method: "POST",
    path: "/api/calculate/amounts",
    auth: "private",
    async handle({ account, body }) {
      return ok(await calculateAmounts(account.id, body));
    },
  },
  {
    method: "POST",
    path: "/api/lookup/bin/protected",
    auth: "private",
    async handle({ body }) {
      const o = asObject(body);
      const bin = str(o, "bin", { required: true, pattern: /^\d{6,19}$/ }) as string;
      const state = (str(o, "state", { max: 20 }) ?? "").toUpperCase();
      const info = binInfo(bin);
      // Documented quirk: the BIN lookup answers with a bare object, no envelope.
      return json(200, {
        ...info,
        bin: bin.slice(0, 6),
        country: str(o, "country", { max: 2 }) ?? info.country,
        is_surchargeable: info.is_surchargeable && !NO_SURCHARGE_STATES.has(state),
      });
    },
  },
];
