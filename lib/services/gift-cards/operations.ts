import { getDb } from "@/db/client";
import { idempotencyKeyFor } from "@/lib/idempotency";
import type { GiftCardBalance, GiftCardLoad, GiftCardRedemption, GiftCardStatus } from "@/lib/giftcard/types";
import type { MerchantRole } from "@/lib/auth/permissions";
import { writeAudit } from "@/lib/services/audit/write";
import { withMoneyOutLimit } from "@/lib/services/transactions/money-out";
import { requireGiftCardStore } from "./store";

/**
 * Gift-card operations for the portal. The card number reaches only `enterGiftCard`, which exchanges it for a
 * 10-minute token at the gift-card server and returns the token and last four; it is not stored, logged, audited
 * or returned. Every later step names the card by that token. Money movements write an audit row.
 */

export interface Actor {
  userId: string;
  /** Staff sales and reloads count against the staff money-out limit. */
  role: MerchantRole;
}

export interface EnteredCard {
  cardToken: string;
  lastFour: string;
  expiresAt: string | null;
  balance: GiftCardBalance;
}

export async function enterGiftCard(
  merchantId: string,
  cardNumber: string,
  securityCode: string,
): Promise<EnteredCard> {
  const store = await requireGiftCardStore(merchantId);
  const t = await store.tokenize(cardNumber, securityCode);
  const balance = await store.balance({ token: t.token });
  return { cardToken: t.token, lastFour: t.lastFour, expiresAt: t.expiresAt, balance };
}

export async function giftCardBalance(merchantId: string, cardToken: string): Promise<GiftCardBalance> {
  return (await requireGiftCardStore(merchantId)).balance({ token: cardToken });
}

export async function loadGiftCard(input: {
  merchantId: string;
  actor: Actor;
  cardToken: string;
  kind: "sell" | "reload";
  amount: number;
  intentId: string;
}): Promise<GiftCardLoad> {
  const store = await requireGiftCardStore(input.merchantId);
  const move = {
    amount: input.amount,
    idempotencyKey: idempotencyKeyFor("giftcard", input.merchantId, input.kind, input.intentId),
  };
  // Loading a card issues spendable value without the portal taking a payment: staff loads count as money out.
  const result = await withMoneyOutLimit(
    {
      merchantId: input.merchantId,
      actor: input.actor,
      kind: input.kind === "sell" ? "giftcard_sell" : "giftcard_reload",
      amount: input.amount,
      currency: "USD",
      intentKey: move.idempotencyKey,
    },
    () =>
      input.kind === "sell"
        ? store.sell({ token: input.cardToken }, move)
        : store.reload({ token: input.cardToken }, move),
    (r) => ({ reference: r.hostRef }),
  );
  await writeAudit(getDb(), {
    actorUserId: input.actor.userId,
    merchantId: input.merchantId,
    action: `giftcard.${input.kind}`,
    targetType: "gift_card",
    targetId: result.hostRef,
    after: { amount: input.amount, balance: result.balance, card: result.maskedNumber },
  });
  return result;
}

export async function redeemGiftCard(input: {
  merchantId: string;
  actor: Actor;
  cardToken: string;
  amount: number;
  acceptPartial: boolean;
  intentId: string;
}): Promise<GiftCardRedemption> {
  const store = await requireGiftCardStore(input.merchantId);
  const result = await store.redeem(
    { token: input.cardToken },
    {
      amount: input.amount,
      acceptPartial: input.acceptPartial,
      idempotencyKey: idempotencyKeyFor("giftcard", input.merchantId, "redeem", input.intentId),
    },
  );
  await writeAudit(getDb(), {
    actorUserId: input.actor.userId,
    merchantId: input.merchantId,
    action: "giftcard.redeem",
    targetType: "gift_card",
    targetId: result.hostRef,
    after: {
      requested: result.requested,
      approved: result.approved,
      previousBalance: result.previousBalance,
      newBalance: result.newBalance,
      card: result.maskedNumber,
    },
  });
  return result;
}

export async function changeGiftCardStatus(input: {
  merchantId: string;
  actor: Actor;
  cardToken: string;
  active: boolean;
  reason?: string;
}): Promise<GiftCardStatus> {
  const store = await requireGiftCardStore(input.merchantId);
  const result = await store.changeStatus({ token: input.cardToken }, { active: input.active, reason: input.reason });
  await writeAudit(getDb(), {
    actorUserId: input.actor.userId,
    merchantId: input.merchantId,
    action: input.active ? "giftcard.activate" : "giftcard.deactivate",
    targetType: "gift_card",
    targetId: result.maskedNumber ?? "card",
    after: { active: result.active, reason: input.reason ?? null, balance: result.balance },
  });
  return result;
}
