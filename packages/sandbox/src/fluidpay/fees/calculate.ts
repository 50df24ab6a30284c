import { badRequest, GatewayError } from "../core/envelope";
import { asObject, bool, int, optObject, str, type Obj } from "../core/fields";
import { pooled } from "../core/schema";
import { binInfo } from "../transactions/cards";
import { feeSettings, pct, surchargeFor } from "./settings";

interface Adj {
  type: "flat" | "percentage";
  value: number;
  include: boolean;
}

function adj(o: Obj, path: string): Adj {
  const type = str(o, "type", { required: true, oneOf: ["flat", "percentage"], path: `${path}.type` }) as Adj["type"];
  const value = int(o, "value", { path: `${path}.value` });
  if (value === undefined) throw badRequest(`${path}.value is required`);
  return { type, value, include: bool(o, "include", `${path}.include`) ?? false };
}

function one(o: Obj, name: string): Adj | undefined {
  const v = optObject(o, name);
  return v ? adj(v, name) : undefined;
}

function many(o: Obj, name: string): Adj[] | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw badRequest(`invalid ${name}: must be an array`);
  return v.map((x, i) => adj(asObject(x, `${name}[${i}]`), `${name}[${i}]`));
}

const value = (a: Adj, base: number) => (a.type === "flat" ? a.value : pct(base, a.value));

/** Sums line items (unit_price × quantity, minus discounts) or products (price in cents as a string). */
function itemsSubtotal(o: Obj): number | undefined {
  if (Array.isArray(o.line_items)) {
    return o.line_items.reduce<number>((sum, raw, i) => {
      const li = asObject(raw, `line_items[${i}]`);
      const unit = int(li, "unit_price", { path: `line_items[${i}].unit_price` }) ?? 0;
      const qty = li.quantity;
      if (typeof qty !== "number" || qty < 0) throw badRequest(`invalid line_items[${i}].quantity`);
      const discount = int(li, "discount_amount", { path: `line_items[${i}].discount_amount` }) ?? 0;
      return sum + Math.round(unit * qty) - discount;
    }, 0);
  }
  if (Array.isArray(o.products)) {
    return o.products.reduce<number>((sum, raw, i) => {
      const p = asObject(raw, `products[${i}]`);
      const price = Number(str(p, "price", { required: true, path: `products[${i}].price` }));
      if (!Number.isFinite(price) || price < 0) throw badRequest(`invalid products[${i}].price`);
      return sum + Math.round(price);
    }, 0);
  }
  return undefined;
}

/** `/api/calculate/amounts`: the seed's request and response shapes, including the `display` block. */
export async function calculateAmounts(accountId: string, body: unknown): Promise<Record<string, unknown>> {
  const o = asObject(body);
  const db = await pooled();
  const p = await db.query<{ processor_id: string }>(
    `select processor_id from sandbox_gateway.accounts where id = $1`,
    [accountId],
  );
  const processorId = str(o, "processor_id", { required: true }) as string;
  if (processorId !== p.rows[0]?.processor_id) throw new GatewayError(400, "bad request error: invalid processor_id");
  const subtotal = int(o, "subtotal");
  if (subtotal === undefined) throw badRequest("subtotal is required");
  str(o, "currency", { required: true, pattern: /^[A-Za-z]{3}$/ });
  const method = str(o, "payment_method", { required: true, oneOf: ["card", "ach"] }) as string;
  str(o, "transaction_type", {
    required: true,
    oneOf: ["verification", "auth", "sale", "void", "refund", "credit"],
  });
  const amount = int(o, "amount") ?? itemsSubtotal(o);
  if (amount === undefined) throw badRequest("amount is required when line_items and products are absent");
  const flags = optObject(o, "flags") ?? {};
  const taxExempt = bool(flags, "tax_exempt", "flags.tax_exempt") ?? false;
  const settings = await feeSettings(db, accountId);

  const shipping = one(o, "shipping_amount");
  const duty = one(o, "duty_amount");
  const tip = one(o, "tip_amount");
  const tax = one(o, "tax_amount");
  const nationalTax = one(o, "national_tax_amount");
  const localTax = one(o, "local_tax_amount");
  const serviceFeeReq = one(o, "service_fee");
  const surchargeReq = one(o, "surcharge");
  const discounts = many(o, "discount_amount");
  const addons = many(o, "addon_amount");
  const additional = many(o, "additional_amounts");

  const v = (a: Adj | undefined) => (a ? value(a, amount) : null);
  let taxValue = taxExempt ? 0 : v(tax);
  let taxIncluded = !taxExempt && Boolean(tax?.include || flags.add_tax_to_total);
  if (taxValue === null && flags.include_default_tax_to_total && settings.default_tax_percentage > 0 && !taxExempt) {
    taxValue = pct(amount, settings.default_tax_percentage);
    taxIncluded = true;
  }
  let serviceFee = v(serviceFeeReq);
  let serviceIncluded = Boolean(serviceFeeReq?.include);
  if (serviceFee === null && !flags.skip_service_fee && settings.service_fee.type) {
    serviceFee =
      settings.service_fee.type === "flat" ? settings.service_fee.value : pct(amount, settings.service_fee.value);
    serviceIncluded = true;
  }
  let surcharge = v(surchargeReq);
  let surchargeIncluded = Boolean(surchargeReq?.include);
  const ccBin = str(o, "cc_bin", { pattern: /^\d{6,19}$/ });
  if (surcharge === null && method === "card" && ccBin && !flags.skip_surcharge) {
    const s = surchargeFor(amount, binInfo(ccBin), settings);
    if (s > 0) {
      surcharge = s;
      surchargeIncluded = true;
    }
  }
  const discountTotal = discounts ? discounts.reduce((s, a) => s + value(a, amount), 0) : null;
  const addonTotal = addons ? addons.reduce((s, a) => s + value(a, amount), 0) : null;
  const additionalTotal = additional
    ? additional.filter((a) => a.include).reduce((s, a) => s + value(a, amount), 0)
    : 0;
  const inc = (x: number | null, include: boolean) => (include && x !== null ? x : null);
  const included = {
    shipping_amount: inc(v(shipping), Boolean(shipping?.include)),
    discount_amount: discounts?.some((d) => d.include)
      ? discounts.filter((d) => d.include).reduce((s, a) => s + value(a, amount), 0)
      : null,
    duty_amount: inc(v(duty), Boolean(duty?.include)),
    tip_amount: inc(v(tip), Boolean(tip?.include)),
    tax_amount: inc(taxValue, taxIncluded),
    national_tax_amount: inc(taxExempt ? 0 : v(nationalTax), Boolean(nationalTax?.include)),
    local_tax_amount: inc(taxExempt ? 0 : v(localTax), Boolean(localTax?.include)),
    service_fee: inc(serviceFee, serviceIncluded),
    surcharge: inc(surcharge, surchargeIncluded),
  };
  const addonIncluded = addons ? addons.filter((a) => a.include).reduce((s, a) => s + value(a, amount), 0) : 0;
  const total =
    amount +
    (included.shipping_amount ?? 0) +
    (included.duty_amount ?? 0) +
    (included.tip_amount ?? 0) +
    (included.tax_amount ?? 0) +
    (included.national_tax_amount ?? 0) +
    (included.local_tax_amount ?? 0) +
    (included.service_fee ?? 0) +
    (included.surcharge ?? 0) +
    addonIncluded +
    additionalTotal -
    (included.discount_amount ?? 0);
  const show = (x: number | null) => ({ value: x ?? 0, display: (x ?? 0) !== 0 });
  return {
    line_items: Array.isArray(o.line_items) ? o.line_items : null,
    shipping_amount: v(shipping),
    discount_amount: discountTotal,
    freight_amount: null,
    addon_amount: addonTotal,
    duty_amount: v(duty),
    tip_amount: v(tip),
    additional_amounts: additional ? additional.map((a) => value(a, amount)) : null,
    tax_amount: taxValue,
    national_tax_amount: taxExempt ? (nationalTax ? 0 : null) : v(nationalTax),
    local_tax_amount: taxExempt ? (localTax ? 0 : null) : v(localTax),
    service_fee: serviceFee,
    surcharge,
    processor_id: processorId,
    payment_method: method,
    included_amounts: included,
    subtotal,
    amount,
    additional_total: additionalTotal,
    total,
    features: {
      surcharge: surcharge !== null && surcharge > 0,
      cash_discount: false,
      dual_pricing: false,
      dual_pricing_v2: false,
    },
    display: {
      subtotal: { value: subtotal, display: true },
      amount: { value: amount, display: true },
      shipping: show(v(shipping)),
      freight: show(null),
      duty: show(v(duty)),
      discount: show(discountTotal),
      service_fee: show(serviceFee),
      surcharge: show(surcharge),
      tax: show(taxValue),
      national_tax: show(v(nationalTax)),
      local_tax: show(v(localTax)),
      tip: show(v(tip)),
      total: { value: total, display: true },
      consumer_choice: { card: 0, ach: 0, display: false },
    },
    disclaimer: {
      text: surcharge ? "A surcharge is applied to credit card payments." : "",
      html: surcharge ? "<p>A surcharge is applied to credit card payments.</p>" : "",
      display: Boolean(surcharge),
    },
  };
}
