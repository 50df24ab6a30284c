import { z } from "zod";
import { PROCESSORS } from "./cards";
import { closeBatches, dailyClose, recordChargeback, setFundingShortfall } from "./gateway/settlement";
import { setFaults } from "./faults";
import { BadJson, json, readJsonObject } from "./http";
import { advanceClock, createMerchant, getMerchant, nowFor, setTipAdjust } from "./merchants";

/** Sandbox-only control plane: standard JSON, exact paths under `/sandbox/cardpointe/_control/`. */
const merchantsSchema = z.object({
  site: z
    .string()
    .regex(/^[a-z0-9]{1,40}$/i, "site: letters and digits only")
    .optional(),
  environment: z.enum(["uat", "prod"]).optional(),
  dba: z.string().min(1).max(60).optional(),
  terminal_delay_ms: z.number().int().min(0).max(120_000).optional(),
  processor: z.enum(PROCESSORS).optional(),
  start_at: z.iso
    .datetime()
    .refine((v) => {
      const age = Date.now() - new Date(v).getTime();
      return age >= 0 && age <= 400 * 86_400_000;
    }, "start_at: within the last 400 days")
    .optional(),
});
const clockSchema = z.object({
  merchid: z.string().min(1),
  advance_seconds: z
    .number()
    .int()
    .min(0)
    .max(10 * 365 * 86_400),
});
const settleSchema = z.object({ merchid: z.string().min(1) });
const entitlementsSchema = z.object({ merchid: z.string().min(1), tip_adjust: z.boolean() });
const chargebackSchema = z.object({
  merchid: z.string().min(1),
  retref: z.string().regex(/^\d{1,20}$/, "retref: digits"),
  amount_minor: z.number().int().min(1).max(100_000_000).optional(),
  reasoncode: z.string().min(1).max(10).optional(),
  reasondescription: z.string().min(1).max(200).optional(),
});
const shortfallSchema = z.object({
  merchid: z.string().min(1),
  amount_minor: z.number().int().min(0).max(100_000_000),
});
const faultsSchema = z.object({
  merchid: z.string().min(1),
  latency_ms: z.number().int().min(0).max(60_000).optional(),
  error_rate: z.number().min(0).max(1).optional(),
  timeout_rate: z.number().min(0).max(1).optional(),
  fail_next: z.number().int().min(0).max(1000).optional(),
  rate_limit_per_minute: z.number().int().min(0).max(10_000).optional(),
  timeout_after_commit_next: z.number().int().min(0).max(1000).optional(),
});

const bad = (message: string, issues?: unknown) =>
  json({ error: "invalid_request", message, ...(issues ? { issues } : {}) }, 400);

export async function controlRoute(req: Request, action: string): Promise<Response> {
  if (req.method.toUpperCase() !== "POST") return json({ error: "method_not_allowed" }, 405);
  let body: Record<string, unknown>;
  try {
    body = await readJsonObject(req);
  } catch (err) {
    if (err instanceof BadJson) return bad(err.message);
    throw err;
  }
  switch (action) {
    case "merchants": {
      const p = merchantsSchema.safeParse(body);
      if (!p.success) return bad("invalid merchant options", z.flattenError(p.error).fieldErrors);
      const created = await createMerchant({
        site: p.data.site?.toLowerCase(),
        environment: p.data.environment,
        dba: p.data.dba,
        terminalDelayMs: p.data.terminal_delay_ms,
        processor: p.data.processor,
        startAt: p.data.start_at ? new Date(p.data.start_at) : undefined,
      });
      return json(created, 201);
    }
    case "clock": {
      const p = clockSchema.safeParse(body);
      if (!p.success)
        return bad("merchid and advance_seconds (integer ≥ 0) are required", z.flattenError(p.error).fieldErrors);
      const m = await advanceClock(p.data.merchid, p.data.advance_seconds);
      if (!m) return json({ error: "not_found", message: "unknown merchid" }, 404);
      const closed = await dailyClose(m.merchid);
      return json({
        merchid: m.merchid,
        now: nowFor(m).toISOString(),
        offset_seconds: Number(m.clock_offset_seconds),
        closed,
      });
    }
    case "settle": {
      const p = settleSchema.safeParse(body);
      if (!p.success) return bad("merchid is required", z.flattenError(p.error).fieldErrors);
      const m = await getMerchant(p.data.merchid);
      if (!m) return json({ error: "not_found", message: "unknown merchid" }, 404);
      const batches = await closeBatches(m.merchid);
      const fundingDate = new Date(nowFor(m).getTime() + 86_400_000).toISOString().slice(0, 10);
      return json({
        merchid: m.merchid,
        closed: batches,
        funding_date: batches.some((b) => b.transactions > 0) ? fundingDate : null,
      });
    }
    case "chargeback": {
      const p = chargebackSchema.safeParse(body);
      if (!p.success) return bad("merchid and retref are required", z.flattenError(p.error).fieldErrors);
      const r = await recordChargeback(p.data.merchid, {
        retref: p.data.retref,
        amountMinor: p.data.amount_minor,
        reasoncode: p.data.reasoncode,
        reasondescription: p.data.reasondescription,
      });
      if (r === "not_found") return json({ error: "not_found", message: "no settled sale with that retref" }, 404);
      return json({ merchid: p.data.merchid, ...r });
    }
    case "funding-shortfall": {
      const p = shortfallSchema.safeParse(body);
      if (!p.success)
        return bad("merchid and amount_minor (integer ≥ 0) are required", z.flattenError(p.error).fieldErrors);
      if (!(await setFundingShortfall(p.data.merchid, p.data.amount_minor)))
        return json({ error: "not_found", message: "unknown merchid" }, 404);
      return json({ merchid: p.data.merchid, next_funding_short_minor: p.data.amount_minor });
    }
    case "faults": {
      const p = faultsSchema.safeParse(body);
      if (!p.success)
        return bad("merchid and latency_ms / error_rate / timeout_rate (0–1)", z.flattenError(p.error).fieldErrors);
      const { merchid, ...faults } = p.data;
      const set = await setFaults(merchid, faults);
      if (!set) return json({ error: "not_found", message: "unknown merchid" }, 404);
      return json({ merchid, ...set });
    }
    case "entitlements": {
      // What the processor configures on a MID: here, capture above the authorized amount (tip adjust).
      const p = entitlementsSchema.safeParse(body);
      if (!p.success) return bad("merchid and tip_adjust (boolean) are required", z.flattenError(p.error).fieldErrors);
      const m = await setTipAdjust(p.data.merchid, p.data.tip_adjust);
      if (!m) return json({ error: "not_found", message: "unknown merchid" }, 404);
      return json({ merchid: p.data.merchid, tip_adjust: p.data.tip_adjust });
    }
    default:
      return json({ error: "not_found" }, 404);
  }
}
