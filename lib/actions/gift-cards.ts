"use server";

import { oncePerIntent } from "@/lib/services/intents";
import { merchantAction } from "@/lib/actions/safe-action";
import {
  changeGiftCardStatus,
  enterGiftCard,
  giftCardBalance,
  loadGiftCard,
  redeemGiftCard,
} from "@/lib/services/gift-cards/operations";
import {
  giftCardBalanceSchema,
  giftCardEntrySchema,
  giftCardLoadSchema,
  giftCardRedeemSchema,
  giftCardStatusSchema,
} from "@/lib/validations/gift-cards";

/** Card entry: the number goes to the gift-card server's tokenization and nowhere else; the browser gets the token. */
export const enterGiftCardAction = merchantAction("giftcards:use", giftCardEntrySchema, async (ctx, input) =>
  enterGiftCard(ctx.merchant.id, input.cardNumber, input.securityCode),
);

export const giftCardBalanceAction = merchantAction("giftcards:use", giftCardBalanceSchema, async (ctx, input) =>
  giftCardBalance(ctx.merchant.id, input.cardToken),
);

export const loadGiftCardAction = merchantAction("giftcards:use", giftCardLoadSchema, async (ctx, input) =>
  // The gift-card server already answers a repeated PosRef with its first answer; this keeps the audit to one row too.
  oncePerIntent({ scope: ctx.merchant.id, kind: `giftcard.${input.kind}`, intentId: input.intentId }, () =>
    loadGiftCard({
      merchantId: ctx.merchant.id,
      actor: { userId: ctx.user.id, role: ctx.role },
      cardToken: input.cardToken,
      kind: input.kind,
      amount: input.amount,
      intentId: input.intentId,
    }),
  ),
);

export const redeemGiftCardAction = merchantAction("giftcards:use", giftCardRedeemSchema, async (ctx, input) =>
  redeemGiftCard({
    merchantId: ctx.merchant.id,
    actor: { userId: ctx.user.id, role: ctx.role },
    cardToken: input.cardToken,
    amount: input.amount,
    acceptPartial: input.acceptPartial,
    intentId: input.intentId,
  }),
);

export const changeGiftCardStatusAction = merchantAction("giftcards:use", giftCardStatusSchema, async (ctx, input) =>
  changeGiftCardStatus({
    merchantId: ctx.merchant.id,
    actor: { userId: ctx.user.id, role: ctx.role },
    cardToken: input.cardToken,
    active: input.active,
    reason: input.reason,
  }),
);
