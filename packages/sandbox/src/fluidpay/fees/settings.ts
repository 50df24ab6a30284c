import type { Queryable } from "../core/schema";
import type { BinInfo } from "../transactions/cards";

/**
 * Per-account fee configuration. Defaults follow the seed's fee-lookup example: a 3.500% surcharge
 * on surchargeable credit BINs (1000 → 350), no service fee, no default tax.
 */
export interface FeeSettings {
  /** Thousandths of a percent: 3500 = 3.500%. */
  surcharge_percentage: number;
  service_fee: { type: "" | "flat" | "percentage"; value: number };
  /** Thousandths of a percent, used when a request asks for the merchant's default tax. */
  default_tax_percentage: number;
}

export const DEFAULT_FEES: FeeSettings = {
  surcharge_percentage: 3500,
  service_fee: { type: "", value: 0 },
  default_tax_percentage: 0,
};

export async function feeSettings(c: Queryable, accountId: string): Promise<FeeSettings> {
  const r = await c.query<{ settings: Partial<FeeSettings> }>(
    `select settings from sandbox_gateway.accounts where id = $1`,
    [accountId],
  );
  return { ...DEFAULT_FEES, ...(r.rows[0]?.settings ?? {}) };
}

/** Percentages in thousandths of a percent, rounded half up to the cent. */
export function pct(amount: number, thousandths: number): number {
  return Math.round((amount * thousandths) / 100_000);
}

export function surchargeFor(base: number, bin: BinInfo | undefined, s: FeeSettings): number {
  return bin?.is_surchargeable ? pct(base, s.surcharge_percentage) : 0;
}

export function adjustmentFor(base: number, adj: { type: string; value: number } | undefined): number {
  if (!adj || !adj.type) return 0;
  return adj.type === "flat" ? adj.value : pct(base, adj.value);
}
