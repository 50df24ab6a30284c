import type { z } from "zod";
import type { balanceSchema, batchSchema, loadSchema, redeemSchema, statusSchema } from "./schemas";
import type { GiftCardBalance, GiftCardBatch, GiftCardLoad, GiftCardRedemption, GiftCardStatus } from "./types";
import { giftAmountToCents } from "./wire";

/** Pure mapping from the gift-card server's answers (keys lower-cased, numbers as digit strings) to the domain. */

const t = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** .NET "2026-01-01T10:00:00.0000000+00:00" (7 fraction digits) → ISO; null when unparsable. */
export function dotnetToIso(v: string | null | undefined): string | null {
  const s = t(v);
  if (!s) return null;
  const trimmed = s.replace(/(\.\d{3})\d+/, "$1");
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** A masked card number keeps only what the server masked; anything that looks like a full number is dropped. */
export function safeMasked(v: string | null | undefined): string | null {
  const s = t(v);
  if (!s) return null;
  return /\d{12,}/.test(s.replace(/\s/g, "")) ? null : s;
}

export function toBalance(w: z.infer<typeof balanceSchema>): GiftCardBalance {
  return {
    lastFour: t(w.cardending)?.slice(-4) ?? null,
    balance: giftAmountToCents(w.balance),
    active: w.status ?? true,
    activated: w.activated ?? null,
    lastUsedAt: dotnetToIso(w.lastused),
    expiresAt: dotnetToIso(w.expire),
  };
}

export function toLoad(w: z.infer<typeof loadSchema>): GiftCardLoad {
  return {
    hostRef: w.hostref,
    balance: giftAmountToCents(w.balance),
    maskedNumber: safeMasked(w.cardno),
    at: dotnetToIso(w.datetimereloaded),
  };
}

export function toRedemption(w: z.infer<typeof redeemSchema>, requested: number): GiftCardRedemption {
  const approved = giftAmountToCents(w.approvedbalance);
  return {
    hostRef: w.hostref,
    requested,
    approved,
    previousBalance: giftAmountToCents(w.previousbalance),
    newBalance: giftAmountToCents(w.newbalance),
    partial: approved < requested,
    maskedNumber: safeMasked(w.cardno),
    at: dotnetToIso(w.datetimeradeemed),
  };
}

export function toStatus(w: z.infer<typeof statusSchema>): GiftCardStatus {
  return { active: w.active ?? false, balance: giftAmountToCents(w.balance), maskedNumber: safeMasked(w.card) };
}

export function toBatch(w: z.infer<typeof batchSchema>): GiftCardBatch {
  return {
    date: t(w.batchdate),
    storeName: t(w.storename),
    count: Number(w.count) || 0,
    totalSold: giftAmountToCents(w.totalsold),
    totalReloaded: giftAmountToCents(w.totalreloaded),
    totalRedeemed: giftAmountToCents(w.totalredeemed),
    lines: w.transactions.map((l) => {
      const kind = l.type.toUpperCase();
      return {
        hostRef: l.hostref,
        posRef: t(l.posref),
        type: kind === "SELL" ? "sell" : kind === "RELOAD" ? "reload" : kind === "REDEEM" ? "redeem" : "other",
        lastFour: t(l.cardending)?.slice(-4) ?? null,
        amount: giftAmountToCents(l.amount),
        approved: giftAmountToCents(l.approvedamount),
        previousBalance: l.previousbalance ? giftAmountToCents(l.previousbalance) : null,
        newBalance: l.newbalance ? giftAmountToCents(l.newbalance) : null,
        at: dotnetToIso(l.datetime),
      };
    }),
  };
}
