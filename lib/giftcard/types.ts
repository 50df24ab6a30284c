/** Gift cards (POSPointe GiftCard server) in the portal's terms: cents, ISO timestamps, masked cards only. */

/** A card is named by a token from the tokenization step, or (server side, once) by its number and code. */
export type GiftCardRef = { token: string } | { cardNumber: string; securityCode: string };

export interface GiftCardToken {
  token: string;
  /** When the server stops accepting it (10 minutes after issue, on the server's clock). */
  expiresAt: string | null;
  lastFour: string;
}

export interface GiftCardBalance {
  lastFour: string | null;
  balance: number;
  active: boolean;
  activated: boolean | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface GiftCardLoad {
  hostRef: string;
  /** Balance after the sale or reload. */
  balance: number;
  maskedNumber: string | null;
  at: string | null;
}

export interface GiftCardRedemption {
  hostRef: string;
  requested: number;
  approved: number;
  previousBalance: number;
  newBalance: number;
  /** Approved for less than requested (only with acceptPartial). */
  partial: boolean;
  maskedNumber: string | null;
  at: string | null;
}

export interface GiftCardStatus {
  active: boolean;
  balance: number;
  maskedNumber: string | null;
}

export interface GiftCardBatchLine {
  hostRef: string;
  posRef: string | null;
  type: "sell" | "reload" | "redeem" | "other";
  lastFour: string | null;
  amount: number;
  approved: number;
  previousBalance: number | null;
  newBalance: number | null;
  at: string | null;
}

export interface GiftCardBatch {
  date: string | null;
  storeName: string | null;
  count: number;
  totalSold: number;
  totalReloaded: number;
  totalRedeemed: number;
  lines: GiftCardBatchLine[];
}

export interface GiftCardCredentials {
  username: string;
  password: string;
  franchiseeId: string;
  storeId: string;
}
